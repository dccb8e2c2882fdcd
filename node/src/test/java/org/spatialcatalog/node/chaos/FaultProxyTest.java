package org.spatialcatalog.node.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fault proxy over real local sockets, in front of an echo server. */
class FaultProxyTest {

  private ServerSocket echo;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private FaultProxy proxy;

  @BeforeEach
  void start() throws IOException {
    echo = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    threads.execute(
        () -> {
          while (!echo.isClosed()) {
            try {
              Socket s = echo.accept();
              threads.execute(
                  () -> {
                    try (s;
                        InputStream in = s.getInputStream();
                        OutputStream out = s.getOutputStream()) {
                      in.transferTo(out);
                    } catch (IOException gone) {
                      // client went away
                    }
                  });
            } catch (IOException closed) {
              return;
            }
          }
        });
    proxy = new FaultProxy("test", echo.getLocalPort());
  }

  @AfterEach
  void stop() throws IOException {
    proxy.close();
    echo.close();
    threads.shutdownNow();
  }

  private Socket connect() throws IOException {
    Socket s = new Socket(InetAddress.getLoopbackAddress(), proxy.port());
    s.setSoTimeout(2000);
    return s;
  }

  private static int roundTrip(Socket s, int b) throws IOException {
    s.getOutputStream().write(b);
    s.getOutputStream().flush();
    return s.getInputStream().read();
  }

  @Test
  void passesBytesBothWays() throws IOException {
    try (Socket s = connect()) {
      assertThat(roundTrip(s, 42)).isEqualTo(42);
    }
  }

  @Test
  void refuseClosesNewConnectionsAtOnce() throws IOException {
    proxy.mode(FaultProxy.Mode.REFUSE);
    try (Socket s = connect()) {
      assertThatThrownBy(
              () -> {
                if (roundTrip(s, 1) == -1) {
                  throw new IOException("closed");
                }
              })
          .isInstanceOf(IOException.class)
          .isNotInstanceOf(SocketTimeoutException.class);
    }
  }

  @Test
  void blackHoleHoldsOpenConnectionsSilentlyAndReleasesThemAfterwards() throws IOException {
    try (Socket s = connect()) {
      assertThat(roundTrip(s, 1)).isEqualTo(1);
      proxy.mode(FaultProxy.Mode.BLACK_HOLE);
      assertThatThrownBy(() -> roundTrip(s, 2)).isInstanceOf(SocketTimeoutException.class);
      proxy.mode(FaultProxy.Mode.PASS);
      assertThat(s.getInputStream().read()).isEqualTo(2);
    }
  }

  @Test
  void dropAllResetsOpenConnectionsAndLetsNewOnesThrough() throws IOException {
    try (Socket old = connect()) {
      assertThat(roundTrip(old, 1)).isEqualTo(1);
      assertThat(proxy.dropAll()).isPositive();
      assertThatThrownBy(
              () -> {
                if (roundTrip(old, 2) == -1) {
                  throw new IOException("closed");
                }
              })
          .isInstanceOf(IOException.class)
          .isNotInstanceOf(SocketTimeoutException.class);
      try (Socket fresh = connect()) {
        assertThat(roundTrip(fresh, 3)).isEqualTo(3);
      }
    }
  }
}
