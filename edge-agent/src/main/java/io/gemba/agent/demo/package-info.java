/**
 * What only {@code demo} needs: the embedded MQTT broker (HiveMQ CE), a clock that runs the
 * simulated plant faster than real time, and the line summary it logs. It uses none of the path's
 * packages.
 */
package io.gemba.agent.demo;
