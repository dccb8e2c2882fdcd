package org.spatialcatalog.node.client;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports for servers on this machine that listen seconds after their port is chosen: the nodes of
 * {@code LocalCluster.ANY_FREE_PORTS}, the broker and database of the chaos run, the tests'. A port
 * is chosen below the range the kernel hands out to outgoing connections: a port from that range,
 * free when chosen, can be taken meanwhile by a client socket of any process as its own local port
 * (CswClusterIT and SyncHardeningClusterIT failed so, "Port ... is already in use"). Nothing
 * reserves the port, so {@code LocalCluster} still moves a node whose port was taken before it
 * started.
 */
public final class FreePorts {

  private static final int LOWEST = 20000;

  /** Linux's default start of the ephemeral range, used where the range cannot be read. */
  private static final int LINUX_DEFAULT_EPHEMERAL_START = 32768;

  private FreePorts() {}

  /** A port that nothing listens on now, below the ephemeral range. */
  public static int pick() throws IOException {
    return pickBlock(1);
  }

  /** The first of {@code count} consecutive ports that nothing listens on now. */
  public static int pickBlock(int count) throws IOException {
    int high = ephemeralStart() - count;
    if (high - LOWEST < 1000) {
      // A range reaching down to the lowest ports leaves no room below it: anywhere up to 50000.
      high = 50000 - count;
    }
    for (int attempt = 0; attempt < 50; attempt++) {
      int first = ThreadLocalRandom.current().nextInt(LOWEST, high);
      boolean free = true;
      for (int port = first; port < first + count && free; port++) {
        free = isFree(port);
      }
      if (free) {
        return first;
      }
    }
    throw new IOException(
        "no " + count + " free consecutive ports between " + LOWEST + " and " + high);
  }

  private static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket(port)) {
      socket.setReuseAddress(true);
      return true;
    } catch (IOException busy) {
      return false;
    }
  }

  /**
   * The first port of the kernel's ephemeral range. Where {@code /proc} cannot be read Linux's
   * default start is assumed: a guess above the real start could put a chosen port inside the
   * range.
   */
  public static int ephemeralStart() {
    try {
      // Read line-wise: Files.readString returned only the first character of this file ("3" for
      // "32768 60999") on Java 17 here, which once put every chosen port back in 20000-50000.
      String range = Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).get(0);
      return Integer.parseInt(range.trim().split("\\s+")[0]);
    } catch (IOException | RuntimeException unreadable) {
      return LINUX_DEFAULT_EPHEMERAL_START;
    }
  }
}
