package org.spatialcatalog.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code catalog} script's first-run build, with stand-ins for {@code mvn} and {@code java} on
 * the PATH: Maven 3.8 writes colour resets even in batch mode, and a newcomer's terminal or log
 * must not show them.
 */
class CatalogScriptTest {

  @TempDir Path dir;

  @Test
  void theFirstRunBuildShowsNoEscapeSequencesAndStillRunsTheJar() throws Exception {
    Path checkout = Files.createDirectories(dir.resolve("checkout"));
    Path script = checkout.resolve("catalog");
    Files.copy(repositoryRoot().resolve("catalog"), script);
    executable(script);
    Path bin = Files.createDirectories(dir.resolve("bin"));
    // mvn: prints what Maven 3.8 prints with -q -B, then "builds" the jar.
    write(
        bin.resolve("mvn"),
        "#!/bin/sh\n"
            + "printf '\\033[0m\\033[0mbuilt \\033[1;31mred\\033[0m\\n'\n"
            + "printf '\\033[0mto stderr\\n' >&2\n"
            + "mkdir -p node/target && touch node/target/catalog.jar\n");
    write(bin.resolve("java"), "#!/bin/sh\necho \"java $*\"\n");

    ProcessBuilder pb = new ProcessBuilder("bash", script.toString(), "--version");
    pb.environment().put("PATH", bin + ":/usr/bin:/bin");
    Process process = pb.start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(process.exitValue()).as(err).isZero();
    assertThat(err).contains("building the catalog").contains("built red").contains("to stderr");
    assertThat(err).doesNotContain("\u001b");
    assertThat(out).doesNotContain("\u001b").contains("-jar").contains("--version");
  }

  @Test
  void theLauncherPicksJvmOptionsByCommandUnlessToldOtherwise() throws Exception {
    Path checkout = Files.createDirectories(dir.resolve("checkout"));
    Path script = checkout.resolve("catalog");
    Files.copy(repositoryRoot().resolve("catalog"), script);
    executable(script);
    Files.createDirectories(checkout.resolve("node/target"));
    Files.createFile(checkout.resolve("node/target/catalog.jar"));
    Path bin = Files.createDirectories(dir.resolve("bin"));
    write(bin.resolve("java"), "#!/bin/sh\necho \"java $*\"\n");

    String c1 = "-XX:TieredStopAtLevel=1";
    String heap = "-Xms1g -XX:+AlwaysPreTouch";
    assertThat(run(script, bin, null, "demo")).contains(c1).doesNotContain(heap);
    assertThat(run(script, bin, null, "bench", "sync", "--db", "postgres"))
        .contains(c1 + " " + heap);
    assertThat(run(script, bin, null, "bench", "harvest")).contains(c1 + " " + heap);
    assertThat(run(script, bin, null, "bench", "csw")).doesNotContain(c1).doesNotContain(heap);
    assertThat(run(script, bin, null, "bench", "memory")).doesNotContain(c1).doesNotContain(heap);
    assertThat(run(script, bin, null, "node", "--port", "8080")).doesNotContain(c1);
    assertThat(run(script, bin, "-Xmx1g", "demo")).contains("-Xmx1g").doesNotContain(c1);
    assertThat(run(script, bin, "", "bench", "sync")).doesNotContain(c1).doesNotContain(heap);
  }

  /**
   * What the stand-in {@code java} was started with; {@code opts} null leaves the variable unset.
   */
  private static String run(Path script, Path bin, String opts, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("bash", script.toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().put("PATH", bin + ":/usr/bin:/bin");
    pb.environment().remove("CATALOG_JAVA_OPTS");
    if (opts != null) {
      pb.environment().put("CATALOG_JAVA_OPTS", opts);
    }
    Process process = pb.start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isZero();
    return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
  }

  @Test
  void aFailedBuildFailsTheScript() throws Exception {
    Path checkout = Files.createDirectories(dir.resolve("checkout"));
    Path script = checkout.resolve("catalog");
    Files.copy(repositoryRoot().resolve("catalog"), script);
    executable(script);
    Path bin = Files.createDirectories(dir.resolve("bin"));
    write(bin.resolve("mvn"), "#!/bin/sh\necho 'BUILD FAILURE'\nexit 1\n");
    write(bin.resolve("java"), "#!/bin/sh\necho ran\n");

    ProcessBuilder pb = new ProcessBuilder("bash", script.toString(), "demo");
    pb.environment().put("PATH", bin + ":/usr/bin:/bin");
    Process process = pb.start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    // The pipe through sed must not hide Maven's exit code (pipefail): no jar, no run.
    assertThat(process.exitValue()).isNotZero();
    assertThat(out).doesNotContain("ran");
  }

  private static Path repositoryRoot() {
    Path here = Path.of("").toAbsolutePath();
    return Files.exists(here.resolve("catalog")) ? here : here.getParent();
  }

  private static void write(Path file, String text) throws IOException {
    Files.writeString(file, text);
    executable(file);
  }

  private static void executable(Path file) throws IOException {
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }
}
