package org.spatialcatalog.node.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./catalog}: the one executable of the catalog, with one subcommand per process kind. */
@Command(
    name = "catalog",
    mixinStandardHelpOptions = true,
    versionProvider = CatalogVersion.class,
    description = "A horizontally scalable metadata catalog.",
    subcommands = {
      DemoCommand.class,
      NodeCommand.class,
      BrokerCommand.class,
      BenchCommand.class,
      org.spatialcatalog.node.chaos.ChaosCommand.class
    })
public class CatalogCommand implements Runnable {

  public static void main(String[] args) {
    int exit = new CommandLine(new CatalogCommand()).execute(args);
    // A node or demo keeps running in its own non-daemon threads; only return codes end here.
    if (exit != 0) {
      System.exit(exit);
    }
  }

  @Override
  public void run() {
    CommandLine.usage(this, System.out);
  }
}
