package org.spatialcatalog.node.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code ./catalog bench sync}: measures write throughput, cross-node visibility, rebuild rate. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Run a benchmark on a local cluster and print the figures.")
class BenchCommand implements Runnable {

  @Parameters(index = "0", description = "Which benchmark: sync, harvest")
  String which;

  @picocli.CommandLine.Option(names = "--records", defaultValue = "50000",
      description = "harvest: records at the source")
  int records;

  @picocli.CommandLine.Option(names = "--nodes", defaultValue = "3")
  int nodes;

  @picocli.CommandLine.Option(names = "--data", defaultValue = "bench-data")
  java.nio.file.Path data;

  @Override
  public void run() {
    if ("harvest".equals(which)) {
      try {
        new HarvestBenchmark(records, nodes, 500, data.toAbsolutePath()).run();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (Exception e) {
        throw new IllegalStateException("bench harvest failed: " + e.getMessage(), e);
      }
      return;
    }
    throw new UnsupportedOperationException("bench " + which + " is not implemented yet");
  }
}
