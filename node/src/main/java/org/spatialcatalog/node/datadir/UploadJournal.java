package org.spatialcatalog.node.datadir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's record of the temporary files of its uploads in progress, kept in its own node
 * directory ({@code uploads-in-progress/}), so that after a crash it removes exactly its own
 * leftovers without scanning the shared directory and without touching another node's upload.
 *
 * <p>A marker naming the temporary file is written before the file is created and removed after the
 * file was moved into place or deleted; whatever markers exist at start name files a killed upload
 * left behind.
 */
final class UploadJournal {

  private static final Logger log = LoggerFactory.getLogger(UploadJournal.class);

  private final Path dir;

  UploadJournal(Path nodeDir) {
    this.dir = nodeDir.resolve("uploads-in-progress");
  }

  /** Notes that {@code temp} is about to be written; returns the marker to pass to {@link #end}. */
  Path begin(Path temp) throws IOException {
    Files.createDirectories(dir);
    Path marker = dir.resolve(UUID.randomUUID() + ".upload");
    Files.writeString(marker, temp.toAbsolutePath().toString(), StandardCharsets.UTF_8);
    return marker;
  }

  void end(Path marker) {
    try {
      Files.deleteIfExists(marker);
    } catch (IOException e) {
      // Harmless: the next start deletes a temporary file that no longer exists.
      log.warn("could not remove upload marker {}", marker, e);
    }
  }

  /** Deletes the temporary files of uploads that never finished; returns how many existed. */
  int recover() {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    int removed = 0;
    try (DirectoryStream<Path> markers = Files.newDirectoryStream(dir, "*.upload")) {
      for (Path marker : markers) {
        Path temp = Path.of(Files.readString(marker, StandardCharsets.UTF_8).trim());
        if (Files.deleteIfExists(temp)) {
          removed++;
          log.info("removed {} left by an upload interrupted by a crash", temp);
        }
        Files.delete(marker);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clean up interrupted uploads listed in " + dir, e);
    }
    return removed;
  }
}
