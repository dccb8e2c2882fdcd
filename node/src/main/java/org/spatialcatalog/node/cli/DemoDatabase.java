package org.spatialcatalog.node.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The password of the demo's H2 database: generated when the database is created and kept in {@code
 * db-password} in the data directory (owner-only where the file system allows), so later runs open
 * the same database. A database made by an older demo, which had an empty password, keeps it.
 */
record DemoDatabase(String password, Path passwordFile) {

  static DemoDatabase in(Path dataDir) throws IOException {
    Path file = dataDir.resolve("db-password");
    if (Files.exists(file)) {
      return new DemoDatabase(Files.readString(file).strip(), file);
    }
    if (Files.exists(dataDir.resolve("db").resolve("catalog.mv.db"))) {
      return new DemoDatabase("", file);
    }
    byte[] bytes = new byte[16];
    new SecureRandom().nextBytes(bytes);
    String password = HexFormat.of().formatHex(bytes);
    Files.createDirectories(dataDir);
    Files.writeString(file, password + "\n");
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException notPosix) {
      // Windows: the data directory's own permissions apply.
    }
    return new DemoDatabase(password, file);
  }
}
