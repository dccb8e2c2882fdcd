package org.spatialcatalog.node.datadir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.MediaTypeFactory;

/**
 * The files of records in the shared data directory, laid out by {@link RecordFolderLayout}.
 *
 * <p>Guarantees, also between nodes sharing the directory over a network file system:
 *
 * <ul>
 *   <li>A reader never sees part of a file: content is written to a temporary file in the target
 *       folder, forced to disk, and renamed over the final name in one atomic step.
 *   <li>Two concurrent uploads of one name each write their own temporary file; the last rename
 *       wins, and the result is one whole upload, never a mix.
 *   <li>An upload over the limit is stopped as soon as it passes it, and its temporary file is
 *       deleted; a crashed upload's temporary file is removed when the node starts again ({@link
 *       UploadJournal}).
 *   <li>A name is unique within a record, whatever its visibility: storing a name that exists with
 *       the other visibility is refused (409), so a public and a private upload of one name can
 *       never delete each other's file. The check and the rename run while the upload holds the
 *       name's lock in the shared database ({@link AttachmentNameLocks}), so no upload of the name
 *       on any node comes between them; an upload never removes a file it put in place, and no file
 *       answered 201 is removed by another upload (a later upload of the same visibility replaces
 *       it, as above).
 *   <li>After the rename the folder itself is forced to disk ({@link DurableRename}), so a crash
 *       right after a 201 cannot lose the new directory entry.
 * </ul>
 *
 * <p>Thread-safe: it holds no mutable state; the file system and the name locks arbitrate.
 */
public final class AttachmentStore {

  static final String TEMP_PREFIX = ".upload-";

  private final RecordFolderLayout layout;
  private final UploadJournal journal;
  private final AttachmentNameLocks names;
  private final DurableRename rename;
  private final String nodeId;

  AttachmentStore(
      RecordFolderLayout layout,
      UploadJournal journal,
      AttachmentNameLocks names,
      DurableRename rename,
      String nodeId) {
    this.layout = layout;
    this.journal = journal;
    this.names = names;
    this.rename = rename;
    this.nodeId = nodeId;
  }

  public RecordFolderLayout layout() {
    return layout;
  }

  /**
   * Streams {@code content} into the record's folder under {@code name}; throws the 413 problem
   * once more than {@code limitBytes} arrived, leaving nothing behind.
   */
  Attachment store(
      String recordId,
      AttachmentName name,
      Visibility visibility,
      InputStream content,
      long limitBytes)
      throws IOException {
    Path folder = layout.folder(recordId, visibility);
    Path target = inside(folder, name);
    // Checked again under the name's lock below; this first check spares a doomed upload.
    refuseClash(recordId, name, visibility);
    Files.createDirectories(folder);
    // The node id in the name tells an operator whose upload a leftover was.
    Path temp = folder.resolve(TEMP_PREFIX + nodeId + "-" + UUID.randomUUID() + ".tmp");
    Path marker = journal.begin(temp);
    try {
      MessageDigest sha256 = sha256();
      long size = 0;
      try (FileChannel channel =
              FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
          OutputStream out = Channels.newOutputStream(channel)) {
        byte[] buffer = new byte[64 * 1024];
        int n;
        while ((n = content.read(buffer)) != -1) {
          size += n;
          if (size > limitBytes) {
            throw AttachmentProblem.tooLarge("upload of '" + name + "'", limitBytes);
          }
          sha256.update(buffer, 0, n);
          out.write(buffer, 0, n);
        }
        out.flush();
        channel.force(true);
      }
      // Read from our own file: once renamed, the name may already be another upload's, or gone.
      Instant modified = Files.getLastModifiedTime(temp).toInstant();
      names.holding(
          recordId,
          name,
          () -> {
            refuseClash(recordId, name, visibility);
            rename.rename(temp, target);
            return null;
          });
      rename.forceFolder(folder);
      return new Attachment(
          name.value(),
          size,
          HexFormat.of().formatHex(sha256.digest()),
          contentType(name),
          visibility,
          modified);
    } finally {
      Files.deleteIfExists(temp);
      journal.end(marker);
    }
  }

  private void refuseClash(String recordId, AttachmentName name, Visibility visibility) {
    for (Visibility other : Visibility.values()) {
      if (other != visibility && Files.exists(inside(layout.folder(recordId, other), name))) {
        throw AttachmentProblem.visibilityClash(recordId, name, other);
      }
    }
  }

  /** The record's attachments of the given visibilities, by name. */
  List<Attachment> list(String recordId, List<Visibility> visibilities) throws IOException {
    List<Attachment> result = new ArrayList<>();
    for (Visibility visibility : visibilities) {
      Path folder = layout.folder(recordId, visibility);
      if (!Files.isDirectory(folder)) {
        continue;
      }
      try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
        for (Path file : files) {
          String fileName = file.getFileName().toString();
          if (fileName.startsWith(".") || !Files.isRegularFile(file)) {
            continue; // uploads in progress
          }
          try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            result.add(
                new Attachment(
                    fileName,
                    a.size(),
                    null,
                    contentType(new AttachmentName(fileName)),
                    visibility,
                    a.lastModifiedTime().toInstant()));
          } catch (NoSuchFileException | IllegalArgumentException deletedOrForeign) {
            // deleted meanwhile by another node, or a file an operator put there by hand
          }
        }
      }
    }
    result.sort(Comparator.comparing(Attachment::name));
    return result;
  }

  /** The file of an attachment and its visibility, if it exists. */
  Optional<Located> find(String recordId, AttachmentName name) {
    for (Visibility visibility : Visibility.values()) {
      Path file = inside(layout.folder(recordId, visibility), name);
      if (Files.isRegularFile(file)) {
        return Optional.of(new Located(file, visibility));
      }
    }
    return Optional.empty();
  }

  /** Deletes an attachment; returns whether it existed. */
  boolean delete(String recordId, AttachmentName name) throws IOException {
    boolean deleted = false;
    for (Visibility visibility : Visibility.values()) {
      deleted |= Files.deleteIfExists(inside(layout.folder(recordId, visibility), name));
    }
    return deleted;
  }

  /**
   * Deletes the record's folder with everything in it. The parent folders of the layout stay:
   * removing an empty one could race with another node creating a sibling record's folder.
   */
  void deleteAll(String recordId) throws IOException {
    Path folder = layout.folder(recordId);
    if (!Files.exists(folder)) {
      names.forget(recordId);
      return;
    }
    Files.walkFileTree(
        folder,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Files.deleteIfExists(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
            Files.deleteIfExists(dir);
            return FileVisitResult.CONTINUE;
          }
        });
    // After the files: a database failure here leaves only rows that no file needs.
    names.forget(recordId);
  }

  /** A stored file and the visibility it was found under. */
  record Located(Path file, Visibility visibility) {}

  static String contentType(AttachmentName name) {
    return MediaTypeFactory.getMediaType(name.value())
        .orElse(MediaType.APPLICATION_OCTET_STREAM)
        .toString();
  }

  /** The file for {@code name} in {@code folder}, refusing anything that would leave it. */
  private static Path inside(Path folder, AttachmentName name) {
    Path file = folder.resolve(name.value()).normalize();
    if (!folder.equals(file.getParent())) {
      throw new InvalidAttachmentNameException(
          name.value(), "resolves outside the record's folder");
    }
    return file;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
