package io.gemba.agent.sink;

import com.influxdb.client.domain.WritePrecision;
import io.gemba.collector.point.Point;

/** A point as one line of the InfluxDB line protocol, in milliseconds, by influxdb-client-java. */
final class LineProtocol {

  private LineProtocol() {}

  static String of(Point point) {
    return com.influxdb.client.write.Point.measurement(point.measurement())
        .addTags(point.tags())
        .addFields(point.fields())
        .time(point.time(), WritePrecision.MS)
        .toLineProtocol();
  }
}
