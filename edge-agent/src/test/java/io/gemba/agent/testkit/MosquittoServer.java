package io.gemba.agent.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A Mosquitto 2 broker started from the Debian package for one test: one MQTT listener on 127.0.0.1
 * and a free port, its configuration, persistence and log in a fresh temp dir.
 *
 * <pre>{@code
 * try (MosquittoServer broker = MosquittoServer.builder().build().start()) {
 *   client.connect(broker.uri());
 *   ...
 *   broker.restart(); // same port, same persisted sessions
 * }
 * }</pre>
 *
 * <p>The configuration it writes ({@link #configFile()}) keeps every QoS 1 message of a persistent
 * session (clean start false, session expiry above 0) while the client is away, and across a
 * restart of the broker; each setting is explained in a comment in that file.
 *
 * <p>Not thread-safe: one test thread starts, stops and closes it.
 */
public final class MosquittoServer implements AutoCloseable {

  /** Where the Debian package {@code mosquitto} installs the broker. */
  public static final Path BINARY = Path.of("/usr/sbin/mosquitto");

  /** Where the Debian package {@code mosquitto} installs the password tool. */
  public static final Path PASSWD_BINARY = Path.of("/usr/bin/mosquitto_passwd");

  static final String INSTALL_HINT =
      "run scripts/install-test-services (or: sudo apt-get install mosquitto mosquitto-clients)";

  private static final Duration START_TIMEOUT = Duration.ofSeconds(15);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);
  // Logged once the listeners are open (and persisted sessions loaded).
  private static final Pattern RUNNING_LINE = Pattern.compile("mosquitto version \\S+ running");

  private final String username;
  private final String password;
  private final TestCa.Issued tlsCert;
  private final Path tlsCaFile;
  private final boolean requireClientCertificate;
  private final int maxInflightMessages;
  private final LocalServer server;

  private MosquittoServer(Builder builder) {
    this.username = builder.username;
    this.password = builder.password;
    this.tlsCert = builder.tlsCert;
    this.tlsCaFile = builder.tlsCaFile;
    this.requireClientCertificate = builder.requireClientCertificate;
    this.maxInflightMessages = builder.maxInflightMessages;
    this.server =
        new LocalServer(
            "mosquitto",
            builder.binary,
            INSTALL_HINT,
            START_TIMEOUT,
            STOP_TIMEOUT,
            new LocalServer.Launch() {
              @Override
              public void beforeLaunch(LocalServer server) {
                writeConfig();
              }

              @Override
              public List<String> command(LocalServer server) {
                return List.of(server.binary().toString(), "-c", configFile().toString());
              }

              @Override
              public boolean ready(LocalServer server) {
                return MosquittoServer.this.ready();
              }

              @Override
              public String readiness(LocalServer server) {
                return "running and accepting connections on 127.0.0.1:" + server.port();
              }
            });
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Writes the configuration into a new temp dir and starts the broker on a free port; returns when
   * the broker has logged that it runs and its port accepts connections. Fails, with the last lines
   * of the log, if it does not within 15 s.
   */
  public MosquittoServer start() {
    server.start(this::prepareDir);
    return this;
  }

  /** The TCP port of the listener on 127.0.0.1. */
  public int port() {
    return server.port();
  }

  /** The server URI for Paho: {@code tcp://127.0.0.1:PORT}, or {@code ssl://} with TLS. */
  public String uri() {
    return (tlsCert == null ? "tcp" : "ssl") + "://127.0.0.1:" + port();
  }

  /** The broker's log (its own log lines and anything it printed), kept across restarts. */
  public Path logFile() {
    return server.logFile();
  }

  /** The mosquitto.conf this broker runs with. */
  public Path configFile() {
    return server.dir().resolve("mosquitto.conf");
  }

  /** The directory of {@code mosquitto.db}, the persisted sessions and messages. */
  public Path dataDir() {
    return server.dir().resolve("data");
  }

  /** The username clients must give, if the builder set credentials. */
  public Optional<String> username() {
    return Optional.ofNullable(username);
  }

  /** The password clients must give, if the builder set credentials. */
  public Optional<String> password() {
    return Optional.ofNullable(password);
  }

  public boolean isRunning() {
    return server.isRunning();
  }

  /** SIGTERM and wait for the exit: Mosquitto saves its persistence file as it stops. */
  public void stop() {
    server.stop();
  }

  /** SIGKILL: a crash. Only what the last autosave wrote (at most 1 s old) survives. */
  public void kill() {
    server.kill();
  }

  /**
   * Starts the broker again (stopping it first if it runs) on the same port, configuration and
   * persistence: clients reconnect to the same URI and find their persistent sessions.
   */
  public void restart() {
    server.restart();
  }

  /** Stops the broker (SIGTERM, SIGKILL if that fails) and deletes its temp dir. */
  @Override
  public void close() {
    server.close();
  }

  private void prepareDir() {
    try {
      Files.createDirectories(dataDir());
      if (username != null) {
        writePasswordFile();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare " + server.dir(), e);
    }
  }

  // The log line first: another process that took the port would accept connections too.
  private boolean ready() {
    return RUNNING_LINE.matcher(server.outputSinceStart()).find() && acceptsConnections();
  }

  private boolean acceptsConnections() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 250);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private void writeConfig() {
    String auth =
        username == null
            ? """
              # Clients may connect without a username.
              allow_anonymous true
              """
            : """
              # Clients must give a username and password from this file (made with
              # mosquitto_passwd -b); anonymous clients are refused.
              allow_anonymous false
              password_file %s
              """
                .formatted(server.dir().resolve("passwd"));
    String tls =
        tlsCert == null
            ? ""
            : """
              # TLS on this listener: the broker's certificate and key, and the CA whose client
              # certificates it accepts%s.
              certfile %s
              keyfile %s
              cafile %s
              require_certificate %s
              """
                .formatted(
                    requireClientCertificate ? " (and requires)" : "",
                    tlsCert.certFile(),
                    tlsCert.keyFile(),
                    tlsCaFile,
                    requireClientCertificate);
    String config =
        """
        # Written by Gemba's test kit (io.gemba.agent.testkit.MosquittoServer) for Mosquitto 2.0.
        # Run by hand with: mosquitto -c <this file>

        # Stay the user that runs the tests. Started as root, Mosquitto would otherwise switch to
        # the user "mosquitto", which may not write this temp dir. No effect for other users.
        user %s

        # One listener, on the loopback interface only, on a port that was free at start.
        listener %d 127.0.0.1
        %s%s
        # Keep client sessions, subscriptions and queued and in-flight QoS 1/2 messages in
        # persistence_location/mosquitto.db and load them at start, so that a persistent
        # session (MQTT 5: clean start false, session expiry interval above 0) survives a
        # broker restart. Written when the broker stops on SIGTERM and by autosave.
        persistence true
        persistence_location %s

        # Save the in-memory database every second instead of every 30 min (the default):
        # a broker killed with SIGKILL loses at most about the last second.
        autosave_interval 1

        # A persistent session ends after the session expiry interval its MQTT 5 client asks
        # for (persistent_client_expiration, left unset, would cut MQTT 3.1.1 sessions).

        # Per client, hold up to 1,000,000 QoS 1/2 messages beyond those in flight while the
        # client is away or slow. The default, 1000, silently drops every message beyond it: a
        # subscriber away while 5,000 messages arrive would lose 4,000 of them. A bound still,
        # so that a runaway test cannot exhaust memory; 0 would mean no bound.
        max_queued_messages 1000000
        # No byte limit on that queue (the default, written out): the count above is the bound.
        max_queued_bytes 0
        # QoS 0 messages for a client that is away are dropped (the default, written out):
        # only QoS 1 and 2 are kept for it, so gateways publish with QoS 1.
        queue_qos0_messages false

        # QoS 1/2 messages that may be unacknowledged at once, per client (default 20). It is
        # the Receive Maximum the broker announces to MQTT 5 publishers, so a publisher may
        # have this many messages awaiting PUBACK, and the window towards MQTT 3.1.1 subscribers;
        # an MQTT 5 subscriber that asks for a smaller Receive Maximum gets that. Messages
        # beyond the window wait in the queue above: this limits throughput, loses nothing.
        max_inflight_messages %d

        # Send small packets (a PUBACK, a short PUBLISH) at once instead of holding them for
        # Nagle's algorithm (the default, false): otherwise a client that waits for each PUBACK
        # waits tens of milliseconds for the peer's delayed TCP acknowledgement every time.
        set_tcp_nodelay true

        # Log connections, warnings and errors to a file in the temp dir, with ISO timestamps.
        log_dest file %s
        log_type error
        log_type warning
        log_type notice
        log_type information
        log_timestamp_format %%Y-%%m-%%dT%%H:%%M:%%S
        """
            .formatted(
                System.getProperty("user.name"),
                server.port(),
                tls,
                auth,
                dataDir(),
                maxInflightMessages,
                logFile());
    try {
      Files.writeString(configFile(), config, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + configFile(), e);
    }
  }

  private void writePasswordFile() throws IOException {
    ServerProcess.requireExecutable(PASSWD_BINARY, INSTALL_HINT);
    Path passwd = server.dir().resolve("passwd");
    Process p =
        new ProcessBuilder(
                PASSWD_BINARY.toString(), "-c", "-b", passwd.toString(), username, password)
            .redirectErrorStream(true)
            .start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (p.waitFor() != 0) {
        throw new IllegalStateException("mosquitto_passwd failed: " + output);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while writing " + passwd, e);
    }
  }

  /** Settings of a {@link MosquittoServer}; all optional. */
  public static final class Builder {

    private Path binary = BINARY;
    private String username;
    private String password;
    private TestCa.Issued tlsCert;
    private Path tlsCaFile;
    private boolean requireClientCertificate;
    private int maxInflightMessages = 100;

    private Builder() {}

    /**
     * TLS on the listener ({@code ssl://}) with this certificate; client certificates signed by
     * {@code caFile} are accepted, and required if {@code requireClientCertificate}.
     */
    public Builder tls(TestCa.Issued serverCert, Path caFile, boolean requireClientCertificate) {
      this.tlsCert = Objects.requireNonNull(serverCert, "serverCert");
      this.tlsCaFile = Objects.requireNonNull(caFile, "caFile");
      this.requireClientCertificate = requireClientCertificate;
      return this;
    }

    /**
     * Require this username and password from every client (a password file made with {@code
     * mosquitto_passwd -b}, {@code allow_anonymous false}).
     */
    public Builder credentials(String username, String password) {
      this.username = Objects.requireNonNull(username, "username");
      this.password = Objects.requireNonNull(password, "password");
      return this;
    }

    /**
     * The QoS 1/2 messages a client may have unacknowledged at once ({@code max_inflight_messages},
     * the Receive Maximum announced to MQTT 5 clients), 1 to 65535; default 100.
     */
    public Builder maxInflightMessages(int messages) {
      if (messages < 1 || messages > 65_535) {
        throw new IllegalArgumentException("max_inflight_messages 1 to 65535, not " + messages);
      }
      this.maxInflightMessages = messages;
      return this;
    }

    /** Another broker binary; for the test of the missing-binary message. */
    Builder binary(Path binary) {
      this.binary = Objects.requireNonNull(binary, "binary");
      return this;
    }

    public MosquittoServer build() {
      return new MosquittoServer(this);
    }
  }
}
