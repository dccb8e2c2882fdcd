package org.spatialcatalog.node.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A TCP proxy in front of the broker that can black-hole traffic: while {@link #blackHole} is on it
 * still accepts connections and reads what clients send, but forwards nothing in either direction
 * and never answers, as a network that silently drops packets does. Turned off, the held bytes flow
 * again. (Adapted from the harvest tests' FaultyProxy.)
 */
final class BlackHoleProxy implements AutoCloseable {

  private volatile boolean blackHole;
  private final ServerSocket server;
  private final int targetPort;
  private final ExecutorService threads =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "black-hole-proxy");
            t.setDaemon(true);
            return t;
          });

  BlackHoleProxy(int port, int targetPort) throws IOException {
    this.targetPort = targetPort;
    this.server = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
    threads.execute(this::accept);
  }

  int port() {
    return server.getLocalPort();
  }

  void blackHole(boolean on) {
    blackHole = on;
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        threads.execute(() -> connect(client));
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void connect(Socket client) {
    try {
      Socket target = new Socket(InetAddress.getLoopbackAddress(), targetPort);
      threads.execute(() -> pump(client, target));
      threads.execute(() -> pump(target, client));
    } catch (IOException e) {
      close(client, null);
    }
  }

  private void pump(Socket from, Socket to) {
    byte[] buffer = new byte[8192];
    try (InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream()) {
      int n;
      while ((n = in.read(buffer)) != -1) {
        while (blackHole) {
          Thread.sleep(50);
        }
        out.write(buffer, 0, n);
        out.flush();
      }
      close(from, to);
    } catch (IOException | InterruptedException e) {
      close(from, to);
    }
  }

  private static void close(Socket a, Socket b) {
    for (Socket s : new Socket[] {a, b}) {
      if (s != null) {
        try {
          s.close();
        } catch (IOException ignored) {
          // already gone
        }
      }
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    threads.shutdownNow();
  }
}
