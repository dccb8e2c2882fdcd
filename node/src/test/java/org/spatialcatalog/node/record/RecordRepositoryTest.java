package org.spatialcatalog.node.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spatialcatalog.index.Bbox;
import org.spatialcatalog.node.changelog.ChangeLogDatabase;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The reads of {@link RecordRepository} on a real (H2) database: batched reads of more ids than one
 * {@code IN} list holds, ids that do not exist, the same answer from each read; lookups by id or
 * uuid.
 */
class RecordRepositoryTest {

  @TempDir Path dir;
  ChangeLogDatabase db;
  RecordRepository records;
  List<String> ids;

  @BeforeEach
  void fill() {
    db = new ChangeLogDatabase(dir);
    records = new RecordRepository(db.jdbc, db.template);
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    int count = RecordRepository.IN_BATCH * 2 + 17;
    List<StoredRecord> stored = new ArrayList<>();
    List<String> xml = new ArrayList<>();
    ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String id = "rec-" + i;
      ids.add(id);
      stored.add(
          new StoredRecord(
              id,
              "uuid-" + i,
              "iso19139",
              "title " + i,
              "",
              List.of("k" + i),
              new Bbox(-10, -5, 10, 5),
              now,
              1,
              now,
              now,
              i % 2 == 0 ? RecordAccess.ownedBy(7L, null) : RecordAccess.ownedBy(null, 3L)));
      xml.add("<doc n=\"" + i + "\"/>");
    }
    records.insertAll(stored, xml, java.util.Collections.nCopies(count, Map.of()));
  }

  /** An ISO record owned by user 7, without extent, changed now. */
  private static StoredRecord record(
      String id, String uuid, String title, String abstractText, List<String> keywords) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    return new StoredRecord(
        id,
        uuid,
        "iso19139",
        title,
        abstractText,
        keywords,
        null,
        now,
        1,
        now,
        now,
        RecordAccess.ownedBy(7L, null));
  }

  @Test
  void textBeyondAsciiIsStoredAsItsUtf8BytesAndReadBackUnchanged() {
    String text = "Zürich, 東京, 𝄞 and \"quotes\"";
    String xml = "<doc title=\"" + text + "\">" + text + "</doc>";
    records.insert(
        record("rec-text", "uuid-text", "title", text, List.of(text, "plain")), xml, Map.of());

    StoredRecord read = records.find("rec-text").orElseThrow();
    assertThat(read.abstractText()).isEqualTo(text);
    assertThat(read.keywords()).containsExactly(text, "plain");
    assertThat(records.xmlOf(List.of("rec-text"))).containsEntry("rec-text", xml);
    assertThat(
            db.jdbc
                .sql("SELECT OCTET_LENGTH(xml_doc) FROM metadata_record WHERE id = 'rec-text'")
                .query(Long.class)
                .single())
        .isEqualTo(xml.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);

    String changed = text + " 2";
    records.update(
        "rec-text",
        new ParsedRecord(
            "uuid-text",
            RecordSchema.ISO19139,
            "title",
            changed,
            List.of(changed),
            null,
            null,
            "<doc>" + changed + "</doc>"),
        "uuid-text",
        Instant.now(),
        Map.of());
    assertThat(records.find("rec-text").orElseThrow().abstractText()).isEqualTo(changed);
    assertThat(records.find("rec-text").orElseThrow().keywords()).containsExactly(changed);
    assertThat(records.xmlOf(List.of("rec-text")))
        .containsEntry("rec-text", "<doc>" + changed + "</doc>");
  }

  @Test
  void anInsertOfATakenUuidFailsAsADuplicateKeyAndLeavesTheHolderAlone() {
    // RecordService.create relies on this instead of looking the uuid up first.
    StoredRecord second = record("rec-other", "uuid-3", "another title", "", List.of());

    assertThatThrownBy(() -> records.insert(second, "<doc/>", Map.of()))
        .isInstanceOf(org.springframework.dao.DuplicateKeyException.class);
    assertThat(records.findIdByUuid("uuid-3")).contains("rec-3");
    assertThat(records.find("rec-other")).isEmpty();
  }

  @Test
  void everyBatchedReadReturnsEachExistingRecordOnceAndSkipsMissingIds() {
    List<String> asked = new ArrayList<>(ids);
    asked.add(100, "missing-1");
    asked.add("missing-2");

    assertThat(records.findAll(asked))
        .extracting(StoredRecord::id)
        .containsExactlyInAnyOrderElementsOf(ids);
    assertThat(records.findAllWithXml(asked))
        .hasSize(ids.size())
        .allSatisfy(
            w ->
                assertThat(w.xml()).isEqualTo("<doc n=\"" + w.record().id().substring(4) + "\"/>"));
    assertThat(records.xmlOf(asked))
        .hasSize(ids.size())
        .containsEntry("rec-415", "<doc n=\"415\"/>");
    assertThat(records.accessOf(asked))
        .hasSize(ids.size())
        .hasEntrySatisfying("rec-416", a -> assertThat(a.ownerId()).isEqualTo(7L))
        .hasEntrySatisfying("rec-415", a -> assertThat(a.groupOwner()).isEqualTo(3L));
  }

  @Test
  void findTakesAnIdOrAUuidAndAnIdWinsOverAnotherRecordsUuid() {
    assertThat(records.find("rec-3")).get().extracting(StoredRecord::uuid).isEqualTo("uuid-3");
    assertThat(records.find("uuid-4")).get().extracting(StoredRecord::id).isEqualTo("rec-4");
    assertThat(records.find("nothing")).isEmpty();

    // A uuid is the submitter's choice and may equal another record's internal id: the id wins,
    // where the former single "id = ? OR uuid = ?" query found two rows and failed.
    StoredRecord lookalike = record("rec-x", "rec-3", "lookalike", "", List.of());
    records.insertAll(List.of(lookalike), List.of("<doc/>"), List.of(Map.of()));
    assertThat(records.find("rec-3")).get().extracting(StoredRecord::title).isEqualTo("title 3");
    assertThat(records.find("rec-x")).get().extracting(StoredRecord::uuid).isEqualTo("rec-3");
    TransactionTemplate tx =
        new TransactionTemplate(new DataSourceTransactionManager(db.dataSource));
    String lockedId = tx.execute(status -> records.findForUpdate("uuid-5").orElseThrow().id());
    assertThat(lockedId).isEqualTo("rec-5");
  }

  @Test
  void noIdsReadNothing() {
    assertThat(records.findAll(List.of())).isEmpty();
    assertThat(records.findAllWithXml(List.of())).isEmpty();
    assertThat(records.xmlOf(List.of())).isEmpty();
    assertThat(records.accessOf(IntStream.range(0, 3).mapToObj(i -> "none" + i).toList()))
        .isEmpty();
  }
}
