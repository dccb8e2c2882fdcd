package org.spatialcatalog.node.datadir;

import java.nio.file.Path;
import java.util.regex.Pattern;
import org.spatialcatalog.config.RecordId;

/**
 * Where the files of a record live in the shared data directory.
 *
 * <ul>
 *   <li>A UUID-based id ({@link RecordId}) goes to {@code <c1c2>/<c3c4>/<c5c6>/<id>}, from its
 *       first six characters. The first character is one of 16 letters and the next five are hex
 *       digits, so each level has at most 256 entries and three levels hold about 16.7 million
 *       records with at most 256 records per leaf on average.
 *   <li>A legacy integer id of a single-node catalog keeps that catalog's range layout, {@code
 *       <start>-<end>/<id>} with ranges of 100 zero-padded to five digits: {@code 1234} is in
 *       {@code 01200-01299/1234}, so an existing data directory is used as it is.
 * </ul>
 *
 * <p>Anything else is refused, so a path is never built from text that is not an id.
 */
public final class RecordFolderLayout {

  /** A legacy id: a non-negative integer without leading zeros, at most ten digits. */
  static final Pattern LEGACY_ID = Pattern.compile("^(0|[1-9][0-9]{0,9})$");

  private static final int RANGE = 100;

  private final Path root;

  public RecordFolderLayout(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  /** The kinds of record id, told apart by their shape. */
  public enum IdKind {
    UUID,
    LEGACY_INTEGER
  }

  public Path root() {
    return root;
  }

  /** The kind of an id; throws {@link IllegalArgumentException} for text that is neither. */
  public static IdKind kindOf(String id) {
    if (RecordId.isRecordId(id)) {
      return IdKind.UUID;
    }
    if (id != null && LEGACY_ID.matcher(id).matches()) {
      return IdKind.LEGACY_INTEGER;
    }
    throw new IllegalArgumentException(
        "'" + id + "' is neither a record id nor a legacy integer id");
  }

  /** The record's folder, relative to the data directory. */
  public static Path relativeFolder(String id) {
    return switch (kindOf(id)) {
      case UUID -> Path.of(id.substring(0, 2), id.substring(2, 4), id.substring(4, 6), id);
      case LEGACY_INTEGER -> {
        long start = Long.parseLong(id) / RANGE * RANGE;
        yield Path.of(String.format("%05d-%05d", start, start + RANGE - 1), id);
      }
    };
  }

  /** The record's folder in this data directory. */
  public Path folder(String id) {
    return root.resolve(relativeFolder(id));
  }

  /** The folder of the record's files of one visibility. */
  public Path folder(String id, Visibility visibility) {
    return folder(id).resolve(visibility.directoryName());
  }
}
