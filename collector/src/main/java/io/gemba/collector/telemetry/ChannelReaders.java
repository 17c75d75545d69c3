package io.gemba.collector.telemetry;

import static io.gemba.collector.telemetry.JsonFields.LABEL_LENGTH;
import static io.gemba.collector.telemetry.JsonFields.TEXT_LENGTH;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** Reads the fields of each channel's payload into its event, checking the contract's rules. */
final class ChannelReaders {

  /** Longest actual or ideal cycle time: one day. */
  static final long MAX_CYCLE_MS = 86_400_000L;

  /** Most measurements in one battery test. */
  static final int MAX_MEASUREMENTS = 64;

  /** Highest 5S score scale. */
  static final double MAX_5S_SCALE = 1_000;

  private static final double MAX_AMOUNT = 1e15;
  private static final int MAX_RED_TAGS = 1_000_000;

  private static final WireNames<MachineState> STATES = WireNames.of(MachineState.values());
  private static final WireNames<OrderEvent.Kind> ORDER_EVENTS =
      WireNames.of(OrderEvent.Kind.values());
  private static final WireNames<CycleCompleted.Result> CYCLE_RESULTS =
      WireNames.of(CycleCompleted.Result.values());
  private static final WireNames<BatteryTest.Verdict> VERDICTS =
      WireNames.of(BatteryTest.Verdict.values());
  private static final WireNames<KaizenUpdate.Status> KAIZEN_STATUSES =
      WireNames.of(KaizenUpdate.Status.values());
  private static final WireNames<KaizenUpdate.Category> KAIZEN_CATEGORIES =
      WireNames.of(KaizenUpdate.Category.values());
  private static final WireNames<KaizenUpdate.TargetKpi> TARGET_KPIS =
      WireNames.of(KaizenUpdate.TargetKpi.values(), KaizenUpdate.TargetKpi::wireName);
  private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

  private ChannelReaders() {}

  static TelemetryEvent read(
      Envelope envelope, JsonFields fields, Function<Topic, StateCodeTable> stateCodes)
      throws Rejection {
    return switch (envelope.topic().channel()) {
      case STATE -> state(envelope, fields, stateCodes.apply(envelope.topic()));
      case COUNT -> count(envelope, fields);
      case ORDER -> order(envelope, fields);
      case CYCLE -> cycle(envelope, fields);
      case BATTERY -> battery(envelope, fields);
      case PART -> part(envelope, fields);
      case AUDIT5S -> audit5s(envelope, fields);
      case KAIZEN -> kaizen(envelope, fields);
      case HEARTBEAT -> new Heartbeat(envelope, fields.optionalText("gateway", LABEL_LENGTH));
    };
  }

  private static StateChange state(Envelope envelope, JsonFields fields, StateCodeTable table)
      throws Rejection {
    MachineState state = fields.optionalEnum("state", STATES);
    String reason = fields.optionalText("reason", LABEL_LENGTH);
    Integer code = fields.optionalInt("code", Integer.MIN_VALUE, Integer.MAX_VALUE);
    if (state == null) {
      if (code == null) {
        throw new Rejection(RejectReason.MISSING_FIELD, "state or code is required");
      }
      StateCodeTable.Entry entry =
          table
              .lookup(code)
              .orElseThrow(
                  () ->
                      new Rejection(
                          RejectReason.UNKNOWN_STATE_CODE,
                          "code " + code + " is not in the station's state table"));
      state = entry.state();
      reason = reason != null ? reason : entry.reason();
    }
    return new StateChange(envelope, state, reason, code);
  }

  private static CounterReading count(Envelope envelope, JsonFields fields) throws Rejection {
    long total = fields.requiredLong("total", 0, Long.MAX_VALUE);
    Long good = fields.optionalLong("good", 0, total);
    Long scrap = fields.optionalLong("scrap", 0, total);
    if (good == null && scrap == null) {
      throw new Rejection(RejectReason.MISSING_FIELD, "good or scrap is required");
    }
    if (good != null && scrap != null && good + scrap != total) {
      throw new Rejection(
          RejectReason.OUT_OF_RANGE,
          "good + scrap must equal total: " + good + " + " + scrap + " != " + total);
    }
    return new CounterReading(envelope, total, good, scrap);
  }

  private static OrderEvent order(Envelope envelope, JsonFields fields) throws Rejection {
    OrderEvent.Kind event = fields.requiredEnum("event", ORDER_EVENTS);
    String order = fields.requiredText("order", LABEL_LENGTH);
    String product =
        event == OrderEvent.Kind.START
            ? fields.requiredText("product", LABEL_LENGTH)
            : fields.optionalText("product", LABEL_LENGTH);
    Long plannedQty = fields.optionalLong("plannedQty", 0, Integer.MAX_VALUE);
    Long idealCycleMs = fields.optionalLong("idealCycleMs", 1, MAX_CYCLE_MS);
    return new OrderEvent(envelope, event, order, product, plannedQty, idealCycleMs);
  }

  private static CycleCompleted cycle(Envelope envelope, JsonFields fields) throws Rejection {
    return new CycleCompleted(
        envelope,
        fields.requiredLong("cycleMs", 0, MAX_CYCLE_MS),
        fields.requiredEnum("result", CYCLE_RESULTS),
        fields.optionalText("product", LABEL_LENGTH),
        fields.optionalText("serial", LABEL_LENGTH));
  }

  private static BatteryTest battery(Envelope envelope, JsonFields fields) throws Rejection {
    String serial = fields.requiredText("serial", LABEL_LENGTH);
    String product = fields.requiredText("product", LABEL_LENGTH);
    boolean retest = fields.optionalBoolean("retest", false);
    BatteryTest.Verdict result = fields.optionalEnum("result", VERDICTS);
    JsonFields measurementFields = fields.requiredObject("measurements");
    JsonNode node = measurementFields.node();
    if (node.isEmpty() || node.size() > MAX_MEASUREMENTS) {
      throw new Rejection(
          RejectReason.OUT_OF_RANGE,
          "measurements must have 1 to " + MAX_MEASUREMENTS + " values, got " + node.size());
    }
    Map<String, Double> measurements = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> measurement : node.properties()) {
      String name = measurement.getKey();
      if (!Topic.isValidName(name)) {
        throw new Rejection(
            RejectReason.OUT_OF_RANGE,
            "measurement name must be 1 to 64 characters of [A-Za-z0-9_-]: '"
                + Text.abbreviate(name)
                + "'");
      }
      measurements.put(
          name,
          measurementFields.checkedDouble(
              name, measurement.getValue(), -Double.MAX_VALUE, Double.MAX_VALUE));
    }
    return new BatteryTest(envelope, serial, product, retest, result, measurements);
  }

  private static PartConsumed part(Envelope envelope, JsonFields fields) throws Rejection {
    String partNumber = fields.requiredText("partNumber", LABEL_LENGTH);
    String supplier = fields.optionalText("supplier", TEXT_LENGTH);
    String origin = fields.optionalText("origin", 2);
    if (origin != null && !COUNTRIES.contains(origin)) {
      throw new Rejection(
          RejectReason.UNKNOWN_VALUE,
          "origin '" + Text.abbreviate(origin) + "' is not an ISO 3166-1 alpha-2 country code");
    }
    double qty = fields.requiredDouble("qty", Double.MIN_VALUE, MAX_AMOUNT);
    Double unitCost = fields.optionalDouble("unitCost", 0, MAX_AMOUNT);
    return new PartConsumed(envelope, partNumber, supplier, origin, qty, unitCost);
  }

  private static Audit5s audit5s(Envelope envelope, JsonFields fields) throws Rejection {
    String auditor = fields.optionalText("auditor", TEXT_LENGTH);
    double max = fields.requiredDouble("max", Double.MIN_VALUE, MAX_5S_SCALE);
    JsonFields scores = fields.requiredObject("scores");
    Audit5s.Scores pillars =
        new Audit5s.Scores(
            scores.requiredDouble("sort", 0, max),
            scores.requiredDouble("setInOrder", 0, max),
            scores.requiredDouble("shine", 0, max),
            scores.requiredDouble("standardize", 0, max),
            scores.requiredDouble("sustain", 0, max));
    JsonFields redTags = fields.optionalObject("redTags");
    Integer opened = redTags == null ? null : redTags.optionalInt("opened", 0, MAX_RED_TAGS);
    Integer closed = redTags == null ? null : redTags.optionalInt("closed", 0, MAX_RED_TAGS);
    return new Audit5s(envelope, auditor, max, pillars, opened, closed);
  }

  private static KaizenUpdate kaizen(Envelope envelope, JsonFields fields) throws Rejection {
    return new KaizenUpdate(
        envelope,
        fields.requiredText("id", LABEL_LENGTH),
        fields.requiredEnum("status", KAIZEN_STATUSES),
        fields.requiredEnum("category", KAIZEN_CATEGORIES),
        fields.optionalText("title", TEXT_LENGTH),
        fields.optionalDouble("savingsPerYear", 0, MAX_AMOUNT),
        fields.optionalEnum("targetKpi", TARGET_KPIS));
  }
}
