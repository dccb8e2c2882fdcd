package org.spatialcatalog.node.cluster;

import com.sun.jdi.Bootstrap;
import com.sun.jdi.ThreadReference;
import com.sun.jdi.VirtualMachine;
import com.sun.jdi.connect.AttachingConnector;
import com.sun.jdi.connect.Connector;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Suspends and resumes named threads of a running node process through the JDK's debugger interface
 * (JDI), so a test can stall one part of a real node (for example its {@code index-sync} thread)
 * without any hook in the node's code. The node must run with {@link #AGENT}; the agent picks a
 * free port and prints it to the node's log. Closing detaches, which resumes every thread this
 * debugger suspended.
 */
final class NodeThreads implements AutoCloseable {

  /** The JVM argument that makes a node debuggable on a free local port, never suspended. */
  static final String AGENT =
      "-agentlib:jdwp=transport=dt_socket,server=y,suspend=n,address=127.0.0.1:0";

  private static final Pattern LISTENING =
      Pattern.compile("Listening for transport dt_socket at address: (\\d+)");

  private final VirtualMachine vm;

  private NodeThreads(VirtualMachine vm) {
    this.vm = vm;
  }

  /** Attaches to the node whose log is {@code log} (the last port the agent printed there). */
  static NodeThreads attach(Path log) throws IOException {
    String port = null;
    Matcher m = LISTENING.matcher(Files.readString(log, StandardCharsets.ISO_8859_1));
    while (m.find()) {
      port = m.group(1);
    }
    if (port == null) {
      throw new IllegalStateException("no debug agent port in " + log + "; started with AGENT?");
    }
    AttachingConnector connector =
        Bootstrap.virtualMachineManager().attachingConnectors().stream()
            .filter(c -> c.name().equals("com.sun.jdi.SocketAttach"))
            .findFirst()
            .orElseThrow();
    Map<String, Connector.Argument> args = connector.defaultArguments();
    args.get("hostname").setValue("127.0.0.1");
    args.get("port").setValue(port);
    try {
      return new NodeThreads(connector.attach(args));
    } catch (com.sun.jdi.connect.IllegalConnectorArgumentsException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Suspends every thread called {@code name}; fails if there is none. */
  void suspend(String name) {
    List<ThreadReference> threads = named(name);
    threads.forEach(ThreadReference::suspend);
  }

  /** Resumes every thread called {@code name}. */
  void resume(String name) {
    named(name).forEach(ThreadReference::resume);
  }

  private List<ThreadReference> named(String name) {
    List<ThreadReference> threads =
        vm.allThreads().stream().filter(t -> t.name().equals(name)).toList();
    if (threads.isEmpty()) {
      throw new IllegalStateException("no thread named " + name);
    }
    return threads;
  }

  @Override
  public void close() {
    vm.dispose();
  }
}
