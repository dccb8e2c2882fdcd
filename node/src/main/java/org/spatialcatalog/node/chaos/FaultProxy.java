package org.spatialcatalog.node.chaos;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A TCP proxy between one node and one server (the broker or the database) that the chaos run
 * controls. Modes: {@link Mode#PASS} forwards; {@link Mode#REFUSE} closes every new connection at
 * once; {@link Mode#BLACK_HOLE} accepts connections and stops forwarding on every connection, new
 * and old, without closing anything (a silent partition: the bytes wait in the socket buffers and
 * flow again when the mode goes back to PASS). {@link #dropAll()} resets every open connection.
 *
 * <p>A close on one side is passed to the other, so a killed node's sessions end on the server.
 */
final class FaultProxy implements AutoCloseable {

  /** What the proxy does with traffic. */
  enum Mode {
    PASS,
    REFUSE,
    BLACK_HOLE
  }

  private final String name;
  private final ServerSocket server;
  private final int targetPort;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final ExecutorService threads;
  private volatile Mode mode = Mode.PASS;

  FaultProxy(String name, int targetPort) throws IOException {
    this.name = name;
    this.targetPort = targetPort;
    this.server = new ServerSocket(0, 100, InetAddress.getLoopbackAddress());
    this.threads =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "fault-proxy-" + name);
              t.setDaemon(true);
              return t;
            });
    threads.execute(this::accept);
  }

  String name() {
    return name;
  }

  int port() {
    return server.getLocalPort();
  }

  Mode mode() {
    return mode;
  }

  void mode(Mode mode) {
    this.mode = mode;
  }

  /** Resets (RST) every connection open now; new ones follow the mode. */
  int dropAll() {
    int n = 0;
    for (Socket s : open) {
      reset(s);
      n++;
    }
    return n;
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        if (mode == Mode.REFUSE) {
          reset(client);
          continue;
        }
        threads.execute(() -> connect(client));
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void connect(Socket client) {
    open.add(client);
    try {
      // A black-holed connection is held before it even reaches the server.
      awaitFlow();
      Socket target = new Socket(InetAddress.getLoopbackAddress(), targetPort);
      open.add(target);
      threads.execute(() -> pump(client, target));
      threads.execute(() -> pump(target, client));
    } catch (IOException | InterruptedException e) {
      reset(client);
    }
  }

  private void awaitFlow() throws InterruptedException {
    while (mode == Mode.BLACK_HOLE) {
      Thread.sleep(50);
    }
  }

  private void pump(Socket from, Socket to) {
    byte[] buffer = new byte[16384];
    try {
      InputStream in = from.getInputStream();
      OutputStream out = to.getOutputStream();
      int n;
      while ((n = in.read(buffer)) != -1) {
        awaitFlow();
        out.write(buffer, 0, n);
        out.flush();
      }
      // An orderly close on one side ends the other side too.
      close(from);
      close(to);
    } catch (IOException | InterruptedException e) {
      reset(from);
      reset(to);
    }
  }

  private void close(Socket s) {
    open.remove(s);
    try {
      s.close();
    } catch (IOException ignored) {
      // already closed
    }
  }

  private void reset(Socket s) {
    open.remove(s);
    try {
      s.setSoLinger(true, 0);
      s.close();
    } catch (IOException ignored) {
      // already closed
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    dropAll();
    threads.shutdownNow();
  }
}
