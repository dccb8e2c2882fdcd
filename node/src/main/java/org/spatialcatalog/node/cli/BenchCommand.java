package org.spatialcatalog.node.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code ./catalog bench sync}: measures write throughput, cross-node visibility, rebuild rate. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Run a benchmark on a local cluster and print the figures.")
class BenchCommand implements Runnable {

  @Parameters(index = "0", description = "Which benchmark: sync")
  String which;

  @Override
  public void run() {
    throw new UnsupportedOperationException("bench " + which + " is not implemented yet");
  }
}
