package org.spatialcatalog.node.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./catalog} script's first run, when it builds the jar: its console output has no stray
 * ANSI escape codes. The build is the real Maven with the script's flags and environment, on a tiny
 * project instead of this one (a stand-in {@code mvn} first on the PATH swaps the project and the
 * goal, then puts the already built jar in place), so the test takes seconds and installs nothing.
 */
class CatalogScriptIT {

  @TempDir Path root;

  @Test
  void theFirstRunBuildsAndPrintsNoEscapeCodes() throws Exception {
    Path realMvn = onPath("mvn");
    Path script = root.resolve("catalog");
    Files.copy(Path.of("..", "catalog"), script, StandardCopyOption.COPY_ATTRIBUTES);
    Path tinyPom = Files.createDirectories(root.resolve("tiny")).resolve("pom.xml");
    Files.writeString(
        tinyPom,
        "<project xmlns=\"http://maven.apache.org/POM/4.0.0\"><modelVersion>4.0.0</modelVersion>"
            + "<groupId>test</groupId><artifactId>tiny</artifactId><version>1</version>"
            + "<packaging>pom</packaging></project>\n");
    Path bin = Files.createDirectories(root.resolve("bin"));
    Path fakeMvn = bin.resolve("mvn");
    Files.writeString(
        fakeMvn,
        """
        #!/bin/sh
        # The catalog's build, on a tiny project: same flags and environment, 'install' becomes
        # 'validate'; then the jar the real build made is put where the script expects it.
        set -e
        for a in "$@"; do
          shift
          if [ "$a" = install ]; then a=validate; fi
          set -- "$@" "$a"
        done
        "$REAL_MVN" -o -f "$TINY_POM" "$@"
        mkdir -p node/target
        cp "$CATALOG_JAR" node/target/catalog.jar
        """);
    Files.setPosixFilePermissions(fakeMvn, PosixFilePermissions.fromString("rwxr-xr-x"));

    Path output = root.resolve("output.txt");
    ProcessBuilder pb =
        new ProcessBuilder("bash", script.toString(), "--version")
            .directory(root.toFile())
            .redirectErrorStream(true)
            .redirectOutput(output.toFile());
    pb.environment().put("PATH", bin + File.pathSeparator + System.getenv("PATH"));
    pb.environment().put("REAL_MVN", realMvn.toString());
    pb.environment().put("TINY_POM", tinyPom.toString());
    pb.environment()
        .put(
            "CATALOG_JAR",
            Path.of(System.getProperty("catalog.jar", "target/catalog.jar"))
                .toAbsolutePath()
                .toString());
    pb.environment().remove("MAVEN_OPTS");
    Process run = pb.start();
    assertThat(run.waitFor(3, TimeUnit.MINUTES)).isTrue();
    String text = Files.readString(output);
    assertThat(run.exitValue()).as(text).isZero();
    assertThat(root.resolve("node/target/catalog.jar")).as("the build ran").exists();
    assertThat(text).contains("building the catalog (first run only)...").contains("catalog ");
    assertThat(text)
        .as("no escape code: %s", text.replace("\u001b", "<ESC>"))
        .doesNotContain("\u001b");
  }

  private static Path onPath(String command) {
    for (String dir : System.getenv("PATH").split(File.pathSeparator)) {
      Path candidate = Path.of(dir, command);
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return fail(command + " not found on the PATH");
  }
}
