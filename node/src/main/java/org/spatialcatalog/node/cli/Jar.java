package org.spatialcatalog.node.cli;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the running catalog jar is, so a process can start more of itself. */
final class Jar {

  private Jar() {}

  static Path location() {
    String explicit = System.getProperty("catalog.jar");
    if (explicit != null) {
      return Path.of(explicit);
    }
    // Started with java -jar: the class path is exactly the jar.
    String classPath = System.getProperty("java.class.path", "");
    if (!classPath.contains(File.pathSeparator) && classPath.endsWith(".jar")) {
      return Path.of(classPath);
    }
    Path built = Path.of("node", "target", "catalog.jar");
    if (Files.exists(built)) {
      return built;
    }
    throw new IllegalStateException(
        "cannot find the catalog jar: run through ./catalog or set -Dcatalog.jar=PATH");
  }
}
