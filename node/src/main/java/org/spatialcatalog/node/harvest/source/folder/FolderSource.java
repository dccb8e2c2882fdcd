package org.spatialcatalog.node.harvest.source.folder;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.spatialcatalog.node.config.CatalogProperties;
import org.spatialcatalog.node.harvest.definition.HarvestProperties;
import org.spatialcatalog.node.harvest.definition.Harvester;
import org.spatialcatalog.node.harvest.definition.HarvesterType;
import org.spatialcatalog.node.harvest.definition.InvalidHarvesterException;
import org.spatialcatalog.node.harvest.source.HarvestSource;
import org.spatialcatalog.node.harvest.source.SourceAccess;
import org.spatialcatalog.node.harvest.source.SourceException;
import org.spatialcatalog.node.harvest.source.SourceItem;
import org.spatialcatalog.node.harvest.source.SourceReader;
import org.springframework.stereotype.Component;

/**
 * A directory of XML files ({@code *.xml}, recursively) on the node's file system; the url is the
 * directory's absolute path, which must lie under one of {@code catalog.harvest.folder-roots} and
 * not in the shared data directory ({@code catalog.shared-dir}). Files are read in path order; the
 * cursor is the relative path of the last file of a page; the remote id is the relative path and
 * the change marker its modification time and size.
 *
 * <p>Guarantees: a harvester never reads a file outside the folder roots, nor any file of the data
 * directory (whose private attachments would otherwise become public records): the real path of the
 * directory and of every file, symbolic links resolved, is checked, and a file that resolves
 * elsewhere is a failed record naming the refusal, never read.
 */
@Component
class FolderSource implements HarvestSource {

  private static final long MAX_FILE = 20L * 1024 * 1024;

  private final List<Path> roots;
  private final Path dataDir;

  FolderSource(HarvestProperties harvest, CatalogProperties catalog) {
    List<Path> r = new ArrayList<>();
    harvest.folderRoots().forEach(p -> r.add(p.toAbsolutePath().normalize()));
    this.roots = List.copyOf(r);
    this.dataDir =
        catalog.sharedDir() == null ? null : catalog.sharedDir().toAbsolutePath().normalize();
  }

  @Override
  public HarvesterType type() {
    return HarvesterType.FOLDER;
  }

  @Override
  public void validate(String url) {
    directory(url);
  }

  private Path directory(String url) {
    Path dir;
    try {
      dir = (url.startsWith("file:") ? Path.of(java.net.URI.create(url)) : Path.of(url));
    } catch (RuntimeException e) {
      throw new InvalidHarvesterException("url", "'" + url + "' is not a path: " + e.getMessage());
    }
    if (!dir.isAbsolute()) {
      throw new InvalidHarvesterException("url", "'" + url + "' is not an absolute path");
    }
    Path normalized = dir.normalize();
    String refused = refusal(normalized);
    if (refused == null && Files.exists(normalized)) {
      try {
        refused = refusal(normalized.toRealPath());
      } catch (IOException e) {
        refused = "cannot be resolved: " + e.getMessage();
      }
    }
    if (refused != null) {
      throw new InvalidHarvesterException("url", "'" + url + "' " + refused);
    }
    return normalized;
  }

  /** Why a harvester may not read {@code path}, or null when it may. */
  private String refusal(Path path) {
    if (dataDir != null && (path.startsWith(dataDir) || path.startsWith(real(dataDir)))) {
      return "is inside the shared data directory (catalog.shared-dir), whose files include"
          + " private attachments";
    }
    if (roots.stream().noneMatch(r -> path.startsWith(r) || path.startsWith(real(r)))) {
      return "is outside the directories harvesters may read (catalog.harvest.folder-roots): "
          + roots;
    }
    return null;
  }

  private static Path real(Path p) {
    try {
      return p.toRealPath();
    } catch (IOException e) {
      return p;
    }
  }

  @Override
  public SourceReader open(Harvester h, SourceAccess access) {
    Path dir = directory(h.url());
    return new SourceReader() {
      private List<String> files;

      @Override
      public Page read(String cursor) throws SourceException {
        if (files == null) {
          files = list(dir);
        }
        int from = 0;
        if (cursor != null) {
          int at = Collections.binarySearch(files, cursor);
          from = at >= 0 ? at + 1 : -at - 1;
        }
        int to = Math.min(files.size(), from + access.pageSize());
        List<SourceItem> items = new ArrayList<>();
        for (String name : files.subList(from, to)) {
          items.add(item(dir, name));
        }
        return new Page(items, to < files.size() ? files.get(to - 1) : null);
      }
    };
  }

  private static List<String> list(Path dir) throws SourceException {
    if (!Files.isDirectory(dir)) {
      throw new SourceException("folder " + dir + " does not exist or is not a directory");
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      // Relative names only: a large folder costs its file names, never its contents.
      return walk.filter(p -> p.getFileName().toString().toLowerCase().endsWith(".xml"))
          .filter(Files::isRegularFile)
          .map(p -> dir.relativize(p).toString().replace('\\', '/'))
          .sorted()
          .toList();
    } catch (IOException | java.io.UncheckedIOException e) {
      throw new SourceException("folder " + dir + " cannot be listed: " + e.getMessage(), e);
    }
  }

  private SourceItem item(Path dir, String name) {
    Path file;
    try {
      // Resolving links here, and reading the resolved path, keeps a link that points out of
      // the roots (to /etc/passwd, to an attachment) from being read.
      file = dir.resolve(name).toRealPath();
    } catch (IOException e) {
      return SourceItem.failure(name, name, "file cannot be resolved: " + e.getMessage());
    }
    String refused = refusal(file);
    if (refused != null) {
      return SourceItem.failure(
          name, name, "refused: the file resolves to " + file + ", which " + refused);
    }
    try {
      BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
      if (a.size() > MAX_FILE) {
        return SourceItem.failure(name, name, "file of " + a.size() + " bytes exceeds " + MAX_FILE);
      }
      String marker = a.lastModifiedTime().toMillis() + ":" + a.size();
      return SourceItem.record(name, name, marker, Files.readString(file, StandardCharsets.UTF_8));
    } catch (MalformedInputException e) {
      return SourceItem.failure(name, name, "file is not UTF-8 text");
    } catch (IOException e) {
      return SourceItem.failure(name, name, "file cannot be read: " + e.getMessage());
    }
  }
}
