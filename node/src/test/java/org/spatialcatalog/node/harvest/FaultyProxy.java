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
 * A small TCP proxy in front of a source or a database server, for network faults no HTTP stub can
 * produce: reset the next connections (RST, mid-request), reset the connections whose requests
 * carry a given text (a tripwire: an SQL statement on its way to the H2 server), delay every chunk,
 * or pause (accept and hold the bytes).
 */
final class FaultyProxy implements AutoCloseable {

  final AtomicInteger resetNext = new AtomicInteger();
  volatile long delayMillis;
  volatile boolean paused;

  /** How many connections the tripwire has reset. */
  final AtomicInteger tripped = new AtomicInteger();

  private final AtomicInteger tripwireLeft = new AtomicInteger();
  private volatile byte[][] tripwire = new byte[0][];

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

  /**
   * Resets, the next {@code times} times, a connection whose request carries {@code text} (in
   * UTF-8, or in UTF-16 as the H2 client sends SQL), before the request reaches the server.
   */
  void resetWhenSent(String text, int times) {
    tripwire =
        new byte[][] {
          text.getBytes(java.nio.charset.StandardCharsets.UTF_8),
          text.getBytes(java.nio.charset.StandardCharsets.UTF_16BE)
        };
    tripwireLeft.set(times);
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
    // The end of the previous chunk, so a text split between two chunks is still seen.
    byte[] tail = new byte[0];
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
        if (request && tripwireLeft.get() > 0) {
          byte[] seen = new byte[tail.length + n];
          System.arraycopy(tail, 0, seen, 0, tail.length);
          System.arraycopy(buffer, 0, seen, tail.length, n);
          if (carries(seen) && tripwireLeft.getAndUpdate(x -> x > 0 ? x - 1 : 0) > 0) {
            tripped.incrementAndGet();
            reset(from, to);
            return;
          }
          tail = java.util.Arrays.copyOfRange(seen, Math.max(0, seen.length - 256), seen.length);
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

  private boolean carries(byte[] seen) {
    for (byte[] text : tripwire) {
      outer:
      for (int i = 0; i + text.length <= seen.length; i++) {
        for (int j = 0; j < text.length; j++) {
          if (seen[i + j] != text[j]) {
            continue outer;
          }
        }
        return true;
      }
    }
    return false;
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
