package org.spatialcatalog.node.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.spatialcatalog.config.NodeIdentity;
import org.spatialcatalog.node.NodeApplication;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code ./catalog node}: one catalog node. Each option maps to a Spring Boot property, so it can
 * also come from the environment or a properties file; an option given here wins. Any other setting
 * is given as {@code --key=value} with the property's dotted name; anything else is an unknown
 * option (exit code 2). A node that cannot start because of its configuration says why in one line
 * and exits with code 2.
 */
@Command(
    name = "node",
    mixinStandardHelpOptions = true,
    versionProvider = CatalogVersion.class,
    sortOptions = false,
    description = "Run one catalog node.",
    footerHeading = "%nOther settings and sources:%n",
    footer = {
      "Any setting of docs/configuration.md is also accepted as --key=value with its dotted",
      "name, for example --catalog.lock.idle-timeout=10m or --server.port=8081.",
      "Each option and setting can instead come from the environment: upper case, dots and",
      "dashes become underscores (CATALOG_NODE_DIR, CATALOG_ADMIN_PASSWORD, SERVER_PORT,",
      "SPRING_DATASOURCE_URL, CATALOG_BROKER_URL, ...), or from a properties file given with",
      "--spring.config.additional-location=FILE. Order of precedence: command line, environment,",
      "properties file, built-in default.",
      "Exit codes: 0 stopped normally, 1 failed while running, 2 bad option or configuration.",
      "With --decommission: 0 removed, 1 refused (node alive) or broker/database unreachable,",
      "2 bad option, missing --db-url/--broker-url or unknown node."
    })
class NodeCommand implements Callable<Integer> {

  // A Spring property: a dotted name and a value, for example --catalog.lock.idle-timeout=8s.
  private static final Pattern PROPERTY =
      Pattern.compile("--[a-zA-Z][\\w-]*(\\.[\\w\\[\\]-]+)+=.*", Pattern.DOTALL);

  @Spec CommandSpec spec;

  @Option(
      names = "--node-dir",
      paramLabel = "DIR",
      description = "This node's own directory (index, identity). Required.")
  Path nodeDir;

  @Option(names = "--port", description = "HTTP port (default 8080).")
  Integer port;

  @Option(
      names = "--bind",
      paramLabel = "ADDRESS",
      description = "Address to listen on, for example 127.0.0.1; default: every interface.")
  String bind;

  @Option(
      names = "--db-url",
      description =
          "JDBC URL of the shared database (H2 or PostgreSQL); default: an embedded H2"
              + " database in the node directory (single node only).")
  String dbUrl;

  @Option(names = "--db-user", description = "Database user.")
  String dbUser;

  @Option(names = "--db-password", description = "Database password.")
  String dbPassword;

  @Option(names = "--broker-url", description = "ActiveMQ URL; omit to run without clustering.")
  String brokerUrl;

  @Option(
      names = "--shared-dir",
      paramLabel = "DIR",
      description = "Data directory shared by all nodes (attachments).")
  Path sharedDir;

  @Option(
      names = "--cluster-name",
      description = "Prefix of every JMS destination (default catalog).")
  String clusterName;

  @Option(
      names = "--admin-password",
      description =
          "Password of the admin user. Stored (hashed) in the shared database by the"
              + " first node; later nodes may omit it and must not give a different one.")
  String adminPassword;

  @Option(
      names = "--decommission",
      description =
          "Start no node: remove the node of --node-dir (or --node-id) from the cluster for good"
              + " (its durable subscriptions on the broker and its heartbeat row), then exit."
              + " Refused while that node is alive. Needs --db-url and --broker-url.")
  boolean decommission;

  @Option(
      names = "--node-id",
      paramLabel = "ID",
      description = "With --decommission: the id of the node to remove, instead of --node-dir.")
  String nodeId;

  @Unmatched List<String> springArguments = new ArrayList<>();

  @Override
  public Integer call() {
    List<String> unknown =
        springArguments.stream().filter(a -> !PROPERTY.matcher(a).matches()).toList();
    if (!unknown.isEmpty()) {
      throw new ParameterException(
          spec.commandLine(),
          "Unknown option"
              + (unknown.size() > 1 ? "s" : "")
              + ": "
              + String.join(", ", unknown)
              + " (settings are given as --dotted.name=value)");
    }
    if (decommission) {
      return Decommission.run(
          new Decommission.Options(
              nodeDir,
              nodeId,
              dbUrl,
              dbUser,
              dbPassword,
              brokerUrl,
              Decommission.property(springArguments, "catalog.broker-user"),
              Decommission.property(springArguments, "catalog.broker-password"),
              clusterName == null ? "catalog" : clusterName),
          spec.commandLine().getOut(),
          spec.commandLine().getErr());
    }
    if (nodeId != null) {
      throw new ParameterException(
          spec.commandLine(),
          "--node-id is only for --decommission (a node's id is in --node-dir)");
    }
    List<String> args = new ArrayList<>();
    add(args, "catalog.node-dir", nodeDir);
    add(args, "server.port", port);
    add(args, "server.address", bind);
    add(args, "spring.datasource.url", dbUrl);
    add(args, "spring.datasource.username", dbUser);
    add(args, "spring.datasource.password", dbPassword);
    add(args, "catalog.broker-url", brokerUrl);
    add(args, "catalog.shared-dir", sharedDir);
    add(args, "catalog.cluster-name", clusterName);
    add(args, "catalog.admin-password", adminPassword);
    args.addAll(springArguments);
    args.addAll(StartFailure.QUIET_FAILURE_LOGGING);
    ConfigurableApplicationContext context;
    try {
      context = SpringApplication.run(NodeApplication.class, args.toArray(String[]::new));
    } catch (Throwable e) {
      return StartFailure.report(e, System.err);
    }
    String host = bind == null || bind.isBlank() || bind.equals("0.0.0.0") ? "localhost" : bind;
    String actualPort = context.getEnvironment().getProperty("local.server.port", "?");
    System.out.println(
        "node ready: http://"
            + host
            + ":"
            + actualPort
            + " (nodeId "
            + context.getBean(NodeIdentity.class).nodeId()
            + ")");
    return 0;
  }

  private static void add(List<String> args, String key, Object value) {
    if (value != null) {
      args.add("--" + key + "=" + value);
    }
  }
}
