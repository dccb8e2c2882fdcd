package org.spatialcatalog.node.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class RecordCheckTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static History.Op op(String kind, History.Outcome outcome, long version, String title) {
    return new History.Op(1, 1, kind, "u", outcome, version, title, "test");
  }

  private static JsonNode found(long version, String title) {
    return JSON.readTree("{\"version\":" + version + ",\"title\":\"" + title + "\"}");
  }

  private static final History.Outcome ACK = History.Outcome.ACKNOWLEDGED;
  private static final History.Outcome REFUSED = History.Outcome.REFUSED;
  private static final History.Outcome UNKNOWN = History.Outcome.UNKNOWN;

  @Test
  void anAcknowledgedWriteMustBeThereWithItsContent() {
    List<History.Op> ops = List.of(op("create", ACK, 1, "a"), op("update", ACK, 2, "b"));
    assertThat(RecordCheck.violation("u", ops, found(2, "b"))).isNull();
    assertThat(RecordCheck.violation("u", ops, found(1, "a"))).contains("version >= 2");
    assertThat(RecordCheck.violation("u", ops, found(2, "a"))).contains("expected 'b'");
    assertThat(RecordCheck.violation("u", ops, null)).contains("found absent");
  }

  @Test
  void aRefusedWriteChangesNothing() {
    List<History.Op> ops = List.of(op("create", ACK, 1, "a"), op("update", REFUSED, 0, "b"));
    assertThat(RecordCheck.violation("u", ops, found(1, "a"))).isNull();
    assertThat(RecordCheck.violation("u", ops, found(2, "b"))).contains("expected 'a'");
    assertThat(RecordCheck.violation("u", List.of(op("create", REFUSED, 0, null)), found(1, "x")))
        .contains("expected absent");
    assertThat(RecordCheck.violation("u", List.of(op("create", REFUSED, 0, null)), null)).isNull();
  }

  @Test
  void anUnknownWriteMayHaveHappenedOrNot() {
    List<History.Op> update = List.of(op("create", ACK, 1, "a"), op("update", UNKNOWN, 0, "b"));
    assertThat(RecordCheck.violation("u", update, found(1, "a"))).isNull();
    assertThat(RecordCheck.violation("u", update, found(2, "b"))).isNull();
    assertThat(RecordCheck.violation("u", update, null)).contains("found absent");
    List<History.Op> delete = List.of(op("create", ACK, 1, "a"), op("delete", UNKNOWN, 0, null));
    assertThat(RecordCheck.violation("u", delete, null)).isNull();
    assertThat(RecordCheck.violation("u", delete, found(1, "a"))).isNull();
    assertThat(RecordCheck.violation("u", List.of(op("create", UNKNOWN, 0, "a")), null)).isNull();
  }

  @Test
  void anAcknowledgedDeleteMustLeaveNothing() {
    List<History.Op> ops = List.of(op("create", ACK, 1, "a"), op("delete", ACK, 0, null));
    assertThat(RecordCheck.violation("u", ops, null)).isNull();
    assertThat(RecordCheck.violation("u", ops, found(1, "a"))).contains("delete acknowledged");
  }
}
