package org.spatialcatalog.node.harvest.source.folder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spatialcatalog.node.config.CatalogProperties;
import org.spatialcatalog.node.harvest.definition.Harvester;
import org.spatialcatalog.node.harvest.definition.HarvesterOptions;
import org.spatialcatalog.node.harvest.definition.HarvesterType;
import org.spatialcatalog.node.harvest.definition.InvalidHarvesterException;
import org.spatialcatalog.node.harvest.source.SourceItem;
import org.spatialcatalog.node.harvest.source.SourceReader;
import org.spatialcatalog.node.harvest.source.TestAccess;
import org.springframework.util.unit.DataSize;

/**
 * The folder harvester reads only files whose real path lies under a folder root and outside the
 * shared data directory: symbolic links out of the roots (to another file, to /etc/passwd, to a
 * private attachment) are refused and never read.
 */
class FolderSourceTest {

  @TempDir Path tmp;
  Path root;
  Path dataDir;
  FolderSource source;

  @BeforeEach
  void setUp() throws Exception {
    root = Files.createDirectories(tmp.resolve("harvest-root"));
    dataDir = Files.createDirectories(tmp.resolve("data"));
    CatalogProperties catalog =
        new CatalogProperties(
            tmp.resolve("node"),
            dataDir,
            "catalog",
            null,
            null,
            null,
            null,
            DataSize.ofMegabytes(20),
            new CatalogProperties.Sync(
                Duration.ofSeconds(2),
                Duration.ofSeconds(1),
                Duration.ofSeconds(3),
                Duration.ofDays(1),
                Duration.ofSeconds(2),
                Duration.ofDays(7),
                Duration.ofHours(1),
                Duration.ofMinutes(10),
                Duration.ofMillis(20)));
    source = new FolderSource(TestAccess.properties(List.of(root, tmp.resolve("data"))), catalog);
  }

  private Harvester harvester(Path dir) {
    Instant now = Instant.now();
    return new Harvester(
        "h",
        "h",
        HarvesterType.FOLDER,
        dir.toString(),
        null,
        true,
        60,
        4,
        HarvesterOptions.given(HarvesterType.FOLDER, Map.of()),
        now,
        now,
        null);
  }

  @Test
  void fileLinksOutOfTheRootsAreRefusedAndNeverRead() throws Exception {
    Path folder = Files.createDirectories(root.resolve("records"));
    Files.writeString(folder.resolve("a.xml"), "<a/>");
    Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
    Files.writeString(elsewhere.resolve("secret.xml"), "<secret>do not import</secret>");
    Files.createSymbolicLink(folder.resolve("b.xml"), elsewhere.resolve("secret.xml"));
    Files.createSymbolicLink(folder.resolve("passwd.xml"), Path.of("/etc/passwd"));
    Path attachment =
        Files.createDirectories(dataDir.resolve("00/rec-1/private")).resolve("contract.xml");
    Files.writeString(attachment, "<private>attachment</private>");
    Files.createSymbolicLink(folder.resolve("c.xml"), attachment);

    SourceReader reader = source.open(harvester(folder), TestAccess.access(100));
    List<SourceItem> items = reader.read(null).items();

    assertThat(items)
        .extracting(SourceItem::position)
        .containsExactly("a.xml", "b.xml", "c.xml", "passwd.xml");
    assertThat(items.get(0).xml()).isEqualTo("<a/>");
    for (SourceItem refused : items.subList(1, 4)) {
      assertThat(refused.xml()).isNull();
      assertThat(refused.error()).startsWith("refused: the file resolves to");
    }
    assertThat(items.get(1).error()).contains("outside the directories harvesters may read");
    assertThat(items.get(2).error()).contains("shared data directory");
    assertThat(items.get(3).error()).contains("/etc/passwd");
  }

  @Test
  void theDataDirectoryIsRefusedEvenWhenAFolderRootContainsIt() throws Exception {
    Path inData = Files.createDirectories(dataDir.resolve("00"));
    assertThatThrownBy(() -> source.validate(inData.toString()))
        .isInstanceOf(InvalidHarvesterException.class)
        .hasMessageContaining("shared data directory");
    Path link = Files.createSymbolicLink(root.resolve("to-data"), dataDir);
    assertThatThrownBy(() -> source.validate(link.toString()))
        .isInstanceOf(InvalidHarvesterException.class)
        .hasMessageContaining("shared data directory");
    assertThatThrownBy(() -> source.validate("/etc"))
        .isInstanceOf(InvalidHarvesterException.class)
        .hasMessageContaining("outside");
  }
}
