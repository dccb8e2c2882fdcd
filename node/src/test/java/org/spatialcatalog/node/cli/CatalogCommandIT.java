package org.spatialcatalog.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built jar run as a process, as an operator runs it. */
class CatalogCommandIT {

  @TempDir Path dir;

  private Process run(Path output, String... args) throws Exception {
    List<String> command =
        new java.util.ArrayList<>(
            List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-Xmx256m",
                "-XX:TieredStopAtLevel=1",
                "-jar",
                Path.of(System.getProperty("catalog.jar", "target/catalog.jar"))
                    .toAbsolutePath()
                    .toString()));
    command.addAll(List.of(args));
    return new ProcessBuilder(command)
        .directory(dir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(output.toFile())
        .start();
  }

  @Test
  void aNodeWithoutNodeDirSaysSoInOneLineAndExitsWithCodeTwo() throws Exception {
    Path output = dir.resolve("out.txt");
    Process node = run(output, "node", "--port=0");
    assertThat(node.waitFor(4, TimeUnit.MINUTES)).isTrue();
    String text = Files.readString(output);
    assertThat(node.exitValue()).as(text).isEqualTo(2);
    assertThat(text)
        .contains("node not started: catalog.node-dir is not set")
        .doesNotContain("\tat ")
        .doesNotContain("APPLICATION FAILED TO START");
    assertThat(text.lines().filter(l -> l.contains("catalog.node-dir is not set")).count())
        .as("the problem is said once")
        .isLessThanOrEqualTo(2);
  }

  @Test
  void aMisspeltSettingStopsTheNodeBeforeItTouchesAnything() throws Exception {
    Path output = dir.resolve("out.txt");
    Path nodeDir = dir.resolve("node");
    Process node =
        run(
            output,
            "node",
            "--node-dir=" + nodeDir,
            "--port=0",
            "--catalog.sync.poll-intervall=500ms");
    assertThat(node.waitFor(4, TimeUnit.MINUTES)).isTrue();
    String text = Files.readString(output);
    assertThat(node.exitValue()).as(text).isEqualTo(2);
    assertThat(text)
        .contains(
            "node not started: unknown setting catalog.sync.poll-intervall on the command line"
                + " (did you mean catalog.sync.poll-interval?)")
        .doesNotContain("\tat ");
    assertThat(nodeDir.resolve("database")).as("no database was made").doesNotExist();
  }
}
