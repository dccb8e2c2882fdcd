package org.spatialcatalog.node.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** One node running as a separate JVM, started by {@link LocalCluster}. */
public final class NodeProcess {

  private final int number;
  private final String host;
  private final int port;
  private final Path nodeDir;
  private final Path logFile;
  private final List<String> command;
  private volatile Process process;

  NodeProcess(int number, String host, int port, Path nodeDir, Path logFile, List<String> command) {
    this.number = number;
    this.host = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    this.port = port;
    this.nodeDir = nodeDir;
    this.logFile = logFile;
    this.command = List.copyOf(command);
  }

  public int number() {
    return number;
  }

  public int port() {
    return port;
  }

  public String baseUrl() {
    return "http://" + host + ":" + port;
  }

  public Path nodeDir() {
    return nodeDir;
  }

  public Path logFile() {
    return logFile;
  }

  /**
   * The same node on another HTTP port, not started: for a node whose port was taken between the
   * choice of the port and the node's start.
   */
  NodeProcess onPort(int newPort) {
    List<String> moved =
        command.stream().map(arg -> arg.startsWith("--port=") ? "--port=" + newPort : arg).toList();
    return new NodeProcess(number, host, newPort, nodeDir, logFile, moved);
  }

  /** The command line that starts this node again, for printing. */
  public List<String> command() {
    return command;
  }

  public boolean isAlive() {
    Process p = process;
    return p != null && p.isAlive();
  }

  /** The exit code of a node that has exited, or "?" while it runs or before it started. */
  public String exitCode() {
    Process p = process;
    return p == null || p.isAlive() ? "?" : String.valueOf(p.exitValue());
  }

  public long pid() {
    return process.pid();
  }

  void start() throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.redirectErrorStream(true);
    builder.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
    process = builder.start();
  }

  /** SIGTERM, then a graceful wait; SIGKILL if the node does not stop in time. */
  public void stop(Duration grace) throws InterruptedException {
    Process p = process;
    if (p == null || !p.isAlive()) {
      return;
    }
    p.destroy();
    if (!p.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
      p.destroyForcibly().waitFor();
    }
  }

  /** SIGKILL: the node gets no chance to clean up. */
  public void kill() throws InterruptedException {
    Process p = process;
    if (p != null && p.isAlive()) {
      p.destroyForcibly();
      p.waitFor();
    }
  }
}
