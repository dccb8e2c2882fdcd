package org.spatialcatalog.node.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.spatialcatalog.node.NodeApplication;
import org.springframework.boot.SpringApplication;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

/**
 * {@code ./catalog node}: one catalog node. Each option maps to a Spring Boot property, so it can
 * also come from the environment or a properties file; an option given here wins.
 */
@Command(name = "node", mixinStandardHelpOptions = true, description = "Run one catalog node.")
class NodeCommand implements Runnable {

  @Option(names = "--node-dir", description = "This node's own directory (index, identity).")
  Path nodeDir;

  @Option(names = "--port", description = "HTTP port (default 8080).")
  Integer port;

  @Option(names = "--db-url", description = "JDBC URL of the shared database (H2 or PostgreSQL).")
  String dbUrl;

  @Option(names = "--db-user")
  String dbUser;

  @Option(names = "--db-password")
  String dbPassword;

  @Option(names = "--broker-url", description = "ActiveMQ URL; omit to run without clustering.")
  String brokerUrl;

  @Option(names = "--shared-dir", description = "Data directory shared by all nodes.")
  Path sharedDir;

  @Option(names = "--cluster-name", description = "Prefix of every JMS destination.")
  String clusterName;

  @Option(names = "--admin-password", description = "Password of the admin user.")
  String adminPassword;

  @Unmatched List<String> springArguments = new ArrayList<>();

  @Override
  public void run() {
    List<String> args = new ArrayList<>();
    add(args, "catalog.node-dir", nodeDir);
    add(args, "server.port", port);
    add(args, "spring.datasource.url", dbUrl);
    add(args, "spring.datasource.username", dbUser);
    add(args, "spring.datasource.password", dbPassword);
    add(args, "catalog.broker-url", brokerUrl);
    add(args, "catalog.shared-dir", sharedDir);
    add(args, "catalog.cluster-name", clusterName);
    add(args, "catalog.admin-password", adminPassword);
    args.addAll(springArguments);
    SpringApplication.run(NodeApplication.class, args.toArray(String[]::new));
  }

  private static void add(List<String> args, String key, Object value) {
    if (value != null) {
      args.add("--" + key + "=" + value);
    }
  }
}
