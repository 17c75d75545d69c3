package io.gemba.collector.kpi;

/**
 * The six big losses as time, in milliseconds, plus time without data. They add up to planned
 * production time less fully productive time (the ideal cycle time of the good units).
 *
 * @param equipmentFailureMs time {@code DOWN} (availability loss)
 * @param setupMs time in {@code CHANGEOVER} (availability loss)
 * @param idlingMinorStopsMs time {@code IDLE}, and under the TPM policy every stop shorter than the
 *     micro-stop threshold (performance loss for those)
 * @param reducedSpeedMs run time not explained by ideal cycle times or minor stops (performance
 *     loss); negative when the ideal cycle time is set too slow
 * @param processDefectsMs ideal time of units scrapped in steady production (quality loss)
 * @param reducedYieldMs ideal time of units scrapped while starting up after a changeover (quality
 *     loss)
 * @param noDataMs time {@code OFFLINE}: the PLC said nothing, so the loss cannot be classified
 */
public record Losses(
    double equipmentFailureMs,
    double setupMs,
    double idlingMinorStopsMs,
    double reducedSpeedMs,
    double processDefectsMs,
    double reducedYieldMs,
    double noDataMs) {

  /** All losses: planned production time less fully productive time. */
  public double totalMs() {
    return equipmentFailureMs
        + setupMs
        + idlingMinorStopsMs
        + reducedSpeedMs
        + processDefectsMs
        + reducedYieldMs
        + noDataMs;
  }
}
