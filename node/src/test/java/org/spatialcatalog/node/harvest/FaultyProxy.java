package org.spatialcatalog.node.harvest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small TCP proxy in front of a source, for network faults no HTTP stub can produce: reset the
 * next connections (RST, mid-request), delay every chunk, or pause (accept and hold the bytes).
 */
final class FaultyProxy implements AutoCloseable {

  final AtomicInteger resetNext = new AtomicInteger();
  volatile long delayMillis;
  volatile boolean paused;

  private final ServerSocket server;
  private final int targetPort;
  private final ExecutorService threads =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "faulty-proxy");
            t.setDaemon(true);
            return t;
          });

  FaultyProxy(int targetPort) throws IOException {
    this.targetPort = targetPort;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    threads.execute(this::accept);
  }

  int port() {
    return server.getLocalPort();
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
      threads.execute(() -> pump(client, target, true));
      threads.execute(() -> pump(target, client, false));
    } catch (IOException e) {
      reset(client, null);
    }
  }

  private void pump(Socket from, Socket to, boolean request) {
    byte[] buffer = new byte[8192];
    try (InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream()) {
      int n;
      while ((n = in.read(buffer)) != -1) {
        while (paused) {
          Thread.sleep(50);
        }
        if (request && resetNext.getAndUpdate(x -> x > 0 ? x - 1 : 0) > 0) {
          reset(from, to);
          return;
        }
        if (delayMillis > 0) {
          Thread.sleep(delayMillis);
        }
        out.write(buffer, 0, n);
        out.flush();
      }
    } catch (IOException | InterruptedException e) {
      reset(from, to);
    }
  }

  private static void reset(Socket a, Socket b) {
    for (Socket s : new Socket[] {a, b}) {
      if (s == null) {
        continue;
      }
      try {
        s.setSoLinger(true, 0);
        s.close();
      } catch (IOException ignored) {
        // already gone
      }
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    threads.shutdownNow();
  }
}
