package io.gemba.agent.metrics;

import io.gemba.collector.engine.LineSnapshot;
import io.gemba.collector.telemetry.Channel;
import io.gemba.collector.telemetry.RejectReason;
import java.util.List;

/** {@link AgentMetrics#none()}. */
enum NoMetrics implements AgentMetrics {
  INSTANCE;

  @Override
  public void received() {}

  @Override
  public void decoded(Channel channel, boolean tsMissing) {}

  @Override
  public void rejected(RejectReason reason) {}

  @Override
  public void rejected(RejectReason reason, long count) {}

  @Override
  public void deadLetter(boolean published) {}

  @Override
  public void engineOutcomes(long applied, long duplicates, long late, long ignored) {}

  @Override
  public void processed(long nanos) {}

  @Override
  public void written(int points, long nanos) {}

  @Override
  public void notWritten(int points, String reason) {}

  @Override
  public void writeFailed(String reason) {}

  @Override
  public void mqttConnected(boolean connected) {}

  @Override
  public void mqttConnectFailed(String reason) {}

  @Override
  public void spool(int group, java.util.function.LongSupplier backlogBytes, long maxBytes) {}

  @Override
  public void writesFailing(int group, java.util.function.DoubleSupplier seconds) {}

  @Override
  public void checkpointed(int group, long captureNanos, long nanos, long bytes) {}

  @Override
  public void spoolDamaged(int group, long bytes) {}

  @Override
  public void eventTime(int group, long epochMs) {}

  @Override
  public void lines(List<LineSnapshot> lines) {}
}
