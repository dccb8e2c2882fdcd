package org.spatialcatalog.node.chaos;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A JVM of the catalog started by the chaos run (a node or the broker), that the run can stop,
 * kill, pause and resume. Output is appended to one log file across restarts.
 */
final class ChildProcess {

  private final String name;
  private final Path logFile;
  private final List<String> command;
  private volatile Process process;
  private volatile boolean paused;

  ChildProcess(String name, Path logFile, List<String> command) {
    this.name = name;
    this.logFile = logFile;
    this.command = List.copyOf(command);
  }

  String name() {
    return name;
  }

  Path logFile() {
    return logFile;
  }

  boolean isAlive() {
    Process p = process;
    return p != null && p.isAlive();
  }

  boolean isPaused() {
    return paused;
  }

  synchronized void start() throws IOException {
    if (isAlive()) {
      return;
    }
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.redirectErrorStream(true);
    builder.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
    paused = false;
    process = builder.start();
  }

  /** SIGTERM and a graceful wait; SIGKILL if it does not end in time. */
  synchronized void stop(Duration grace) throws InterruptedException {
    Process p = process;
    if (p == null || !p.isAlive()) {
      return;
    }
    resume();
    p.destroy();
    if (!p.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
      p.destroyForcibly().waitFor();
    }
  }

  /** SIGKILL: no shutdown hook runs. */
  synchronized void kill() throws InterruptedException {
    Process p = process;
    if (p != null && p.isAlive()) {
      p.destroyForcibly();
      p.waitFor();
    }
    paused = false;
  }

  /** SIGSTOP: the JVM keeps its sockets open and answers nothing (ProcessHandle cannot pause). */
  synchronized void pause() throws IOException, InterruptedException {
    if (isAlive() && signal("STOP")) {
      paused = true;
    }
  }

  /** SIGCONT, if paused. */
  synchronized void resume() throws InterruptedException {
    if (paused && isAlive()) {
      try {
        signal("CONT");
      } catch (IOException e) {
        throw new IllegalStateException("cannot resume " + name + ": " + e.getMessage(), e);
      }
    }
    paused = false;
  }

  private boolean signal(String signal) throws IOException, InterruptedException {
    Process kill =
        new ProcessBuilder("kill", "-" + signal, String.valueOf(process.pid()))
            .redirectErrorStream(true)
            .start();
    return kill.waitFor() == 0;
  }
}
