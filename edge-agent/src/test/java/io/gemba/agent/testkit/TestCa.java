package io.gemba.agent.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A certificate authority made for one test with {@code openssl} (Debian package {@code openssl}),
 * in a directory of the test's: its certificate, and certificates it signs, each with its key, all
 * PEM. Server certificates name {@code localhost} and {@code 127.0.0.1}, so that host name
 * verification passes on the loopback interface.
 */
public final class TestCa {

  /** Where the Debian package {@code openssl} installs the tool. */
  public static final Path OPENSSL = Path.of("/usr/bin/openssl");

  private static final String INSTALL_HINT =
      "run scripts/install-test-services (or: sudo apt-get install openssl)";

  private final Path dir;
  private final String name;

  private TestCa(Path dir, String name) {
    this.dir = dir;
    this.name = name;
  }

  /** A new CA called {@code name} (its common name, and the prefix of its files) in {@code dir}. */
  public static TestCa create(Path dir, String name) {
    ServerProcess.requireExecutable(OPENSSL, INSTALL_HINT);
    TestCa ca = new TestCa(dir, name);
    ca.openssl(
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-days",
        "2",
        "-subj",
        "/CN=" + name,
        "-keyout",
        ca.keyFile().toString(),
        "-out",
        ca.certFile().toString());
    return ca;
  }

  /** The CA's certificate: what a client that trusts this CA is given. */
  public Path certFile() {
    return dir.resolve(name + "-ca.crt");
  }

  private Path keyFile() {
    return dir.resolve(name + "-ca.key");
  }

  /** A certificate for a server on the loopback interface, signed by this CA. */
  public Issued server(String commonName) {
    return issue(commonName, "subjectAltName=DNS:localhost,IP:127.0.0.1");
  }

  /** A certificate for a client, signed by this CA. */
  public Issued client(String commonName) {
    return issue(commonName, "extendedKeyUsage=clientAuth");
  }

  private Issued issue(String commonName, String extension) {
    Path key = dir.resolve(commonName + ".key");
    Path request = dir.resolve(commonName + ".csr");
    Path cert = dir.resolve(commonName + ".crt");
    Path extensions = dir.resolve(commonName + ".ext");
    try {
      Files.writeString(extensions, extension + "\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    openssl(
        "req",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-subj",
        "/CN=" + commonName,
        "-keyout",
        key.toString(),
        "-out",
        request.toString());
    openssl(
        "x509",
        "-req",
        "-in",
        request.toString(),
        "-days",
        "2",
        "-CA",
        certFile().toString(),
        "-CAkey",
        keyFile().toString(),
        "-CAcreateserial",
        "-extfile",
        extensions.toString(),
        "-out",
        cert.toString());
    return new Issued(cert, key);
  }

  /** A certificate and its private key (PKCS#8, not encrypted). */
  public record Issued(Path certFile, Path keyFile) {}

  private void openssl(String... args) {
    List<String> command = new ArrayList<>();
    command.add(OPENSSL.toString());
    command.addAll(List.of(args));
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (process.waitFor() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + OPENSSL, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running openssl", e);
    }
  }
}
