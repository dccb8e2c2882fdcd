package org.spatialcatalog.node.harvest.folder;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.spatialcatalog.node.harvest.HarvestProperties;
import org.spatialcatalog.node.harvest.HarvestSource;
import org.spatialcatalog.node.harvest.Harvester;
import org.spatialcatalog.node.harvest.HarvesterType;
import org.spatialcatalog.node.harvest.InvalidHarvesterException;
import org.spatialcatalog.node.harvest.SourceAccess;
import org.spatialcatalog.node.harvest.SourceException;
import org.spatialcatalog.node.harvest.SourceItem;
import org.spatialcatalog.node.harvest.SourceReader;
import org.spatialcatalog.node.system.CatalogProperties;
import org.springframework.stereotype.Component;

/**
 * A directory of XML files ({@code *.xml}, recursively) on the node's file system; the url is
 * the directory's absolute path, which must lie under {@code catalog.shared-dir} or one of {@code
 * catalog.harvest.folder-roots}, so a harvester cannot read arbitrary files of the node. Files
 * are read in path order; the cursor is the relative path of the last file of a page; the remote
 * id is the relative path and the change marker its modification time and size.
 */
@Component
class FolderSource implements HarvestSource {

  private static final long MAX_FILE = 20L * 1024 * 1024;

  private final List<Path> roots;

  FolderSource(HarvestProperties harvest, CatalogProperties catalog) {
    List<Path> r = new ArrayList<>();
    harvest.folderRoots().forEach(p -> r.add(p.toAbsolutePath().normalize()));
    if (catalog.sharedDir() != null) {
      r.add(catalog.sharedDir().toAbsolutePath().normalize());
    }
    this.roots = List.copyOf(r);
  }

  @Override
  public HarvesterType type() {
    return HarvesterType.FOLDER;
  }

  @Override
  public java.util.Set<String> optionNames() {
    return java.util.Set.of();
  }

  @Override
  public void validate(String url, Map<String, Object> options) {
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
    if (roots.stream().noneMatch(normalized::startsWith)) {
      throw new InvalidHarvesterException("url", "'" + url + "' is outside the directories"
          + " harvesters may read (catalog.shared-dir, catalog.harvest.folder-roots): " + roots);
    }
    return normalized;
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

  private static SourceItem item(Path dir, String name) {
    Path file = dir.resolve(name);
    try {
      BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
      if (a.size() > MAX_FILE) {
        return SourceItem.failure(name, name, "file of " + a.size() + " bytes exceeds "
            + MAX_FILE);
      }
      String marker = a.lastModifiedTime().toMillis() + ":" + a.size();
      return SourceItem.record(name, name, marker,
          Files.readString(file, StandardCharsets.UTF_8));
    } catch (MalformedInputException e) {
      return SourceItem.failure(name, name, "file is not UTF-8 text");
    } catch (IOException e) {
      return SourceItem.failure(name, name, "file cannot be read: " + e.getMessage());
    }
  }
}
