package org.spatialcatalog.node.datadir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Puts a finished temporary file in place under its final name: one atomic rename (a reader sees
 * the old file or the new one, never part of one), then the folder forced to disk, so a crash right
 * after the rename cannot lose the new directory entry (the file's own content must already be
 * forced by the caller).
 *
 * <p>A file system that cannot rename atomically is an error, never a copy. A platform that cannot
 * open or force a folder (Windows) keeps the rename without the folder flush. Thread-safe.
 */
final class DurableRename {

  /** Opens a folder so that it can be forced; tests observe the force through it. */
  interface FolderOpener {
    FileChannel open(Path folder) throws IOException;
  }

  static final DurableRename DEFAULT =
      new DurableRename(folder -> FileChannel.open(folder, StandardOpenOption.READ));

  private final FolderOpener opener;

  DurableRename(FolderOpener opener) {
    this.opener = opener;
  }

  /** Renames {@code temp} over {@code target} (same folder) and forces that folder to disk. */
  void move(Path temp, Path target) throws IOException {
    rename(temp, target);
    forceFolder(target.getParent());
  }

  /**
   * The rename alone, for a caller that must rename under a lock and force the folder after
   * releasing it ({@link #forceFolder}); the file is not durable until then.
   */
  void rename(Path temp, Path target) throws IOException {
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      // Never fall back to a copy: a reader could see half a file.
      throw new UncheckedIOException(
          "the shared directory does not support atomic rename (" + target + ")", e);
    }
  }

  /** Forces {@code folder}, and so the names renamed into it, to disk. */
  void forceFolder(Path folder) {
    try (FileChannel dir = opener.open(folder)) {
      dir.force(true);
    } catch (IOException | UnsupportedOperationException notSupported) {
      // Some platforms (Windows) cannot open or force a directory; the rename stands.
    }
  }
}
