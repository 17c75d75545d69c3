package io.gemba.collector.telemetry;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Optional;

/**
 * Typed, validating access to the fields of one JSON object of a payload. Every accessor either
 * returns a value that meets its rule or throws a {@link Rejection} that names the field. An
 * optional field that is absent or JSON {@code null} reads as {@code null}; an optional text field
 * that is empty reads as absent too, since PLCs often send an empty string tag for "none".
 */
final class JsonFields {

  /** Longest identifier (order, product, serial, reason, part number, card id). */
  static final int LABEL_LENGTH = 64;

  /** Longest free text (title, auditor, supplier, gateway). */
  static final int TEXT_LENGTH = 256;

  private final JsonNode node;
  private final String path;

  JsonFields(JsonNode node, String path) {
    this.node = node;
    this.path = path;
  }

  /** The field's raw node, or {@code null} when absent or JSON null. */
  JsonNode raw(String name) {
    JsonNode value = node.get(name);
    return value == null || value.isNull() ? null : value;
  }

  /** The field's name as shown in a reject detail: {@code scores.sort}. */
  String nameOf(String name) {
    return path.isEmpty() ? name : path + '.' + name;
  }

  String requiredText(String name, int maxLength) throws Rejection {
    return required(name, optionalText(name, maxLength));
  }

  String optionalText(String name, int maxLength) throws Rejection {
    JsonNode value = raw(name);
    if (value == null) {
      return null;
    }
    if (!value.isTextual()) {
      throw wrongType(name, "a string", value);
    }
    String text = value.textValue();
    if (text.isEmpty()) {
      return null;
    }
    if (text.length() > maxLength) {
      throw new Rejection(
          RejectReason.OUT_OF_RANGE,
          nameOf(name) + " is longer than " + maxLength + " characters: " + text.length());
    }
    if (Text.hasControlCharacter(text)) {
      throw new Rejection(
          RejectReason.OUT_OF_RANGE,
          nameOf(name) + " has a control character: '" + Text.abbreviate(text) + "'");
    }
    return text;
  }

  long requiredLong(String name, long min, long max) throws Rejection {
    return required(name, optionalLong(name, min, max));
  }

  Long optionalLong(String name, long min, long max) throws Rejection {
    JsonNode value = raw(name);
    if (value == null) {
      return null;
    }
    if (!value.isIntegralNumber()) {
      throw notFinite(name, value).orElseThrow(() -> wrongType(name, "an integer", value));
    }
    if (!value.canConvertToLong() || value.longValue() < min || value.longValue() > max) {
      throw outOfRange(name, value.asText(), min, max);
    }
    return value.longValue();
  }

  Integer optionalInt(String name, int min, int max) throws Rejection {
    Long value = optionalLong(name, min, max);
    return value == null ? null : value.intValue();
  }

  double requiredDouble(String name, double min, double max) throws Rejection {
    return required(name, optionalDouble(name, min, max));
  }

  Double optionalDouble(String name, double min, double max) throws Rejection {
    JsonNode value = raw(name);
    if (value == null) {
      return null;
    }
    return checkedDouble(name, value, min, max);
  }

  /** A number of any JSON form, finite and within [min, max]. */
  double checkedDouble(String name, JsonNode value, double min, double max) throws Rejection {
    if (!value.isNumber()) {
      throw wrongType(name, "a number", value);
    }
    Optional<Rejection> notFinite = notFinite(name, value);
    if (notFinite.isPresent()) {
      throw notFinite.get();
    }
    double number = value.doubleValue();
    if (number < min || number > max) {
      throw outOfRange(name, Double.toString(number), min, max);
    }
    return number;
  }

  /** A {@code non_finite} reject if {@code value} is NaN or infinite, whatever the field's type. */
  Optional<Rejection> notFinite(String name, JsonNode value) {
    if (value.isFloatingPointNumber() && !Double.isFinite(value.doubleValue())) {
      return Optional.of(
          new Rejection(
              RejectReason.NON_FINITE, nameOf(name) + " is not finite: " + value.doubleValue()));
    }
    return Optional.empty();
  }

  boolean optionalBoolean(String name, boolean absent) throws Rejection {
    JsonNode value = raw(name);
    if (value == null) {
      return absent;
    }
    if (!value.isBoolean()) {
      throw wrongType(name, "true or false", value);
    }
    return value.booleanValue();
  }

  <E extends Enum<E>> E requiredEnum(String name, WireNames<E> names) throws Rejection {
    return required(name, optionalEnum(name, names));
  }

  <E extends Enum<E>> E optionalEnum(String name, WireNames<E> names) throws Rejection {
    JsonNode value = raw(name);
    if (value == null) {
      return null;
    }
    if (!value.isTextual()) {
      throw wrongType(name, "a string", value);
    }
    if (value.textValue().isEmpty()) {
      return null; // an empty text is absent
    }
    E constant = names.get(value.textValue());
    if (constant == null) {
      throw new Rejection(
          RejectReason.UNKNOWN_VALUE,
          nameOf(name)
              + " '"
              + Text.abbreviate(value.textValue())
              + "' is not one of "
              + names.allowed());
    }
    return constant;
  }

  JsonFields requiredObject(String name) throws Rejection {
    return required(name, optionalObject(name));
  }

  JsonFields optionalObject(String name) throws Rejection {
    JsonNode value = raw(name);
    if (value == null) {
      return null;
    }
    if (!value.isObject()) {
      throw wrongType(name, "an object", value);
    }
    return new JsonFields(value, nameOf(name));
  }

  /** The underlying object node, for fields whose names are data (battery measurements). */
  JsonNode node() {
    return node;
  }

  private <T> T required(String name, T value) throws Rejection {
    if (value == null) {
      throw new Rejection(RejectReason.MISSING_FIELD, nameOf(name) + " is required");
    }
    return value;
  }

  Rejection wrongType(String name, String expected, JsonNode actual) {
    return new Rejection(
        RejectReason.WRONG_TYPE,
        nameOf(name) + " must be " + expected + ", got " + describe(actual));
  }

  private Rejection outOfRange(String name, String actual, Object min, Object max) {
    return new Rejection(
        RejectReason.OUT_OF_RANGE,
        nameOf(name) + " must be in [" + min + ", " + max + "], got " + Text.abbreviate(actual));
  }

  private static String describe(JsonNode value) {
    if (value.isTextual()) {
      return "string";
    }
    if (value.isIntegralNumber()) {
      return "integer";
    }
    if (value.isNumber()) {
      return "number " + Text.abbreviate(value.asText());
    }
    return typeOf(value);
  }

  /** The JSON type of {@code value} in lower case: {@code number}, {@code array}, ... */
  static String typeOf(JsonNode value) {
    return value.getNodeType().name().toLowerCase(Locale.ROOT);
  }
}
