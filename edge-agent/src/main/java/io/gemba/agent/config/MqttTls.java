package io.gemba.agent.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * TLS towards the broker, for an {@code ssl://} server: whom to trust, and the agent's own
 * certificate if the broker asks for one. Files in PEM.
 *
 * @param caFile the certificates of the authorities that may sign the broker's certificate; none:
 *     the JVM's default trust store (public authorities)
 * @param certFile the agent's certificate (and its chain), for brokers that require one
 * @param keyFile the private key of {@code certFile} (PKCS#8 or PKCS#1, not encrypted)
 */
public record MqttTls(Optional<Path> caFile, Optional<Path> certFile, Optional<Path> keyFile) {

  private static final MqttTls NONE =
      new MqttTls(Optional.empty(), Optional.empty(), Optional.empty());

  /**
   * Builds the TLS settings.
   *
   * @throws IllegalArgumentException if only one of {@code certFile} and {@code keyFile} is set
   */
  public MqttTls {
    Objects.requireNonNull(caFile, "caFile");
    Objects.requireNonNull(certFile, "certFile");
    Objects.requireNonNull(keyFile, "keyFile");
    new Violations()
        .check(
            certFile.isPresent() ? "keyFile" : "certFile",
            certFile.isPresent() == keyFile.isPresent()
                ? Optional.empty()
                : Optional.of("required with " + (certFile.isPresent() ? "certFile" : "keyFile")))
        .throwIfAny();
  }

  /** Nothing set: the JVM's trust store, no client certificate. */
  public static MqttTls none() {
    return NONE;
  }

  /** Whether anything is set. */
  public boolean isSet() {
    return caFile.isPresent() || certFile.isPresent();
  }
}
