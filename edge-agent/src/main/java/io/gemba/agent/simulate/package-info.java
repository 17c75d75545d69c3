/**
 * The plant simulator: a realistic plant published to any MQTT broker, for the {@code simulate} and
 * {@code demo} commands and as the load generator of the end-to-end benchmark.
 *
 * <p>Two layers. {@link io.gemba.agent.simulate.PlantGenerator} is pure and deterministic (no I/O,
 * no threads, no wall clock): from {@link io.gemba.agent.simulate.SimulationOptions} and a start
 * instant it gives the plant's messages in event-time order, numbered from 1 without gaps, the same
 * bytes for the same seed in any JVM. {@link io.gemba.agent.simulate.SimulatedPlant} is that plant
 * and the {@link io.gemba.collector.plant.PlantModel} the agent needs to compute its KPIs. {@link
 * io.gemba.agent.simulate.SimulatorPublisher} publishes the messages over Paho MQTT 5, paced by a
 * {@link io.gemba.agent.simulate.Pacer} (event time at a speed-up, or a steady open-loop rate).
 *
 * <p>What the default plant (two lines of five stations) publishes, per line and production day
 * (two shifts, 07:00–16:00 and 16:00–01:00, Monday to Saturday), in {@code
 * gemba/v1/tlx/battery/pack-N/...}:
 *
 * <table>
 *   <caption>Messages per station</caption>
 *   <tr><th>station</th><th>channels</th><th>about</th></tr>
 *   <tr><td>{@code cell-load}, {@code module-stack}, {@code bms-fit}</td>
 *       <td>{@code count} every 5 s in shifts; {@code state}; {@code part}; {@code heartbeat}
 *       after 30 s of silence</td><td>13,000 counts, 120 states, 30–70 part lots</td></tr>
 *   <tr><td>{@code busbar-weld}</td><td>{@code cycle} per unit; {@code state}; {@code part};
 *       {@code heartbeat}</td><td>770 cycles, 2,300 heartbeats</td></tr>
 *   <tr><td>{@code eol-test} (output station)</td><td>{@code battery} per test, and a {@code
 *       cycle} for the pack it finished (OK when it passed: the line's production); {@code
 *       state}; {@code heartbeat}</td><td>700 tests and cycles</td></tr>
 *   <tr><td>{@code _} (the line)</td><td>{@code order} start and end, {@code audit5s},
 *       {@code kaizen}</td><td>3 orders, an audit or two, a few card changes</td></tr>
 *   <tr><td>any station but the test</td><td>{@code kaizen} about that station</td>
 *       <td>now and then</td></tr>
 * </table>
 *
 * <p>Designed so that every quality and lean KPI has something to show: the test bench's internal
 * resistance steps up 1.5 sigmas for a few hours every couple of days somewhere in the plant
 * ({@code WornContact}, for the SPC run rules); the last line audits 5S only every 10–14 days, so
 * that its audit is overdue against the weekly cadence; implemented kaizen cards about failures,
 * cycle time or scrap change their stations from then on ({@code Improvements}, bounded); part lots
 * are local by part (cells 55%, BMS boards 25%, cheap parts 85%: about 60% by quantity, 51% by
 * value), 2% without an origin.
 *
 * <p>That is about 100,000 messages a production day for the plant, a little over one a second in
 * real time, 78 bytes on average.
 */
package io.gemba.agent.simulate;
