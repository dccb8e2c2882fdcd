package org.spatialcatalog.node.datadir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.spatialcatalog.config.RecordId;
import org.spatialcatalog.node.datadir.RecordFolderLayout.IdKind;

class RecordFolderLayoutTest {

  @Test
  void uuidIdsFanOutOverThreeLevelsOfTheirFirstSixCharacters() {
    String id = "g1a2b3c4_d5e6_47f8_9a0b_c1d2e3f4a5b6";
    assertThat(RecordFolderLayout.kindOf(id)).isEqualTo(IdKind.UUID);
    assertThat(RecordFolderLayout.relativeFolder(id)).isEqualTo(Path.of("g1", "a2", "b3", id));
    assertThat(new RecordFolderLayout(Path.of("/data")).folder(id, Visibility.PRIVATE))
        .isEqualTo(Path.of("/data/g1/a2/b3", id, "private"));
  }

  @Test
  void legacyIntegerIdsKeepTheRangeLayoutOfSingleNodeCatalogs() {
    assertThat(RecordFolderLayout.kindOf("1234")).isEqualTo(IdKind.LEGACY_INTEGER);
    assertThat(RecordFolderLayout.relativeFolder("1234")).isEqualTo(Path.of("01200-01299", "1234"));
    assertThat(RecordFolderLayout.relativeFolder("0")).isEqualTo(Path.of("00000-00099", "0"));
    assertThat(RecordFolderLayout.relativeFolder("99")).isEqualTo(Path.of("00000-00099", "99"));
    assertThat(RecordFolderLayout.relativeFolder("100")).isEqualTo(Path.of("00100-00199", "100"));
    assertThat(RecordFolderLayout.relativeFolder("99999"))
        .isEqualTo(Path.of("99900-99999", "99999"));
    assertThat(RecordFolderLayout.relativeFolder("2147483647"))
        .isEqualTo(Path.of("2147483600-2147483699", "2147483647"));
    assertThat(new RecordFolderLayout(Path.of("/data")).folder("7", Visibility.PUBLIC))
        .isEqualTo(Path.of("/data/00000-00099/7/public"));
  }

  @Test
  void everyLevelHoldsAtMost256EntriesAndAllAreReached() {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    Set<String> first = new HashSet<>();
    Set<String> second = new HashSet<>();
    Set<String> third = new HashSet<>();
    for (int i = 0; i < 200_000; i++) {
      String id = RecordId.fromUuid(new UUID(random.nextLong(), random.nextLong()));
      Path p = RecordFolderLayout.relativeFolder(id);
      assertThat(p.getNameCount()).as("seed %d", seed).isEqualTo(4);
      first.add(p.getName(0).toString());
      second.add(p.getName(1).toString());
      third.add(p.getName(2).toString());
    }
    // 16 leading letters x 16 hex digits = 256 at the first level, 16 x 16 below.
    assertThat(first).as("seed %d", seed).hasSize(256);
    assertThat(second).as("seed %d", seed).hasSize(256);
    assertThat(third).as("seed %d", seed).hasSize(256);
    assertThat(first).allMatch(s -> s.matches("[a-p][0-9a-f]"));
    assertThat(second).allMatch(s -> s.matches("[0-9a-f]{2}"));
  }

  @Test
  void legacyRangesHoldAtMost100Records() {
    Set<Path> inRange = new HashSet<>();
    for (int id = 4200; id < 4400; id++) {
      inRange.add(RecordFolderLayout.relativeFolder(Integer.toString(id)).getParent());
    }
    assertThat(inRange).containsExactlyInAnyOrder(Path.of("04200-04299"), Path.of("04300-04399"));
  }

  @Test
  void textThatIsNoIdIsRefused() {
    for (String bad :
        new String[] {
          "",
          "..",
          "../1",
          "01",
          "-1",
          "12345678901",
          "1 2",
          "G1a2b3c4_d5e6_47f8_9a0b_c1d2e3f4a5b6",
          "g1a2b3c4-d5e6-47f8-9a0b-c1d2e3f4a5b6",
          "a/b"
        }) {
      assertThatThrownBy(() -> RecordFolderLayout.relativeFolder(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("neither a record id nor a legacy integer id");
    }
    assertThatThrownBy(() -> RecordFolderLayout.kindOf(null))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
