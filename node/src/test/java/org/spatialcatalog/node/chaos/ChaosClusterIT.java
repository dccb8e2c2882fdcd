package org.spatialcatalog.node.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./catalog chaos} as CI runs it: a short run with a fixed seed on PostgreSQL, and another
 * fixed seed on H2, each as its own process of the built jar (broker, database, three nodes and the
 * fault proxies are all real). Each must end with exit code 0 and a last line saying that no check
 * failed. The report goes to the build log; a failure names the path of the node logs.
 */
class ChaosClusterIT {

  @TempDir static Path dir;

  @Test
  @Timeout(value = 15, unit = TimeUnit.MINUTES)
  void shortPostgresRunWithSeed20261201LosesNothing() throws Exception {
    assertRunPasses(20261201L, "postgres");
  }

  @Test
  @Timeout(value = 15, unit = TimeUnit.MINUTES)
  void shortH2RunWithSeed7LosesNothing() throws Exception {
    assertRunPasses(7L, "h2");
  }

  private static void assertRunPasses(long seed, String db) throws Exception {
    Path jar = Path.of(System.getProperty("catalog.jar", "target/catalog.jar")).toAbsolutePath();
    Path output = dir.resolve("chaos-" + db + "-" + seed + ".txt");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p =
        new ProcessBuilder(
                List.of(
                    java,
                    "-Xmx512m",
                    "-Dcatalog.jar=" + jar,
                    "-jar",
                    jar.toString(),
                    "chaos",
                    "--seconds=45",
                    "--seed=" + seed,
                    "--nodes=3",
                    "--db=" + db,
                    "--data=" + dir.resolve("runs").toAbsolutePath()))
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
    boolean ended = p.waitFor(14, TimeUnit.MINUTES);
    if (!ended) {
      // SIGTERM first, so the run's shutdown hook stops its nodes, broker and database.
      List<ProcessHandle> children = p.descendants().toList();
      p.destroy();
      if (!p.waitFor(90, TimeUnit.SECONDS)) {
        children.forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly().waitFor();
      }
    }
    List<String> lines = Files.readAllLines(output);
    String report = String.join(System.lineSeparator(), lines);
    // In the build log too, so a passing run's timeline and counts are on record.
    System.out.println(report);
    assertThat(ended).as("the chaos run ended within 14 minutes:%n%s", report).isTrue();
    assertThat(p.exitValue()).as("exit code of the chaos run:%n%s", report).isZero();
    assertThat(lines).as("report (output in %s)", output + File.separator).isNotEmpty();
    assertThat(lines.get(lines.size() - 1))
        .as(report)
        .matches("chaos: \\d+ checks passed, 0 failed \\(seed " + seed + "\\)");
  }
}
