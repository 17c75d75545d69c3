package io.gemba.agent.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * A TCP port on 127.0.0.1 that was free a moment ago.
 *
 * <p>The port is found by binding port 0 and closing the socket again, so another process may take
 * it before the server under test binds it. The servers of this kit therefore retry their first
 * start on a new port when the bind fails.
 */
public final class FreePort {

  private FreePort() {}

  /** A port on 127.0.0.1 that no socket is bound to at the time of the call. */
  public static int find() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on 127.0.0.1", e);
    }
  }
}
