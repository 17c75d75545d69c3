package io.gemba.agent.config;

/**
 * The top level of the configuration file: its sections, each with its declared keys. The tree of
 * declarations starts here; {@code docs/configuration.md} documents exactly these keys (a test
 * holds it to them).
 */
final class FileKeys {

  static final Nested PLANT = Nested.mapping("plant", PlantKeys.Plant.KEYS);
  static final Nested DECODER = Nested.mapping("decoder", RuntimeKeys.Decoder.KEYS);
  static final Nested MQTT = Nested.mapping("mqtt", ConnectionKeys.Mqtt.KEYS);
  static final Nested INFLUX = Nested.mapping("influx", ConnectionKeys.Influx.KEYS);
  static final Nested HTTP = Nested.mapping("http", RuntimeKeys.Http.KEYS);
  static final Nested ENGINE = Nested.mapping("engine", RuntimeKeys.Engine.KEYS);
  static final Nested SPOOL = Nested.mapping("spool", RuntimeKeys.Spool.KEYS);

  static final Keys KEYS = Keys.of(PLANT, DECODER, MQTT, INFLUX, HTTP, ENGINE, SPOOL);

  private FileKeys() {}
}
