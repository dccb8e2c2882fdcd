package org.spatialcatalog.node.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class JobEventsTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static JsonNode events(String... fromToNode) {
    StringBuilder json = new StringBuilder("[");
    for (int i = 0; i < fromToNode.length; i += 3) {
      json.append(i == 0 ? "" : ",")
          .append("{\"at\":\"t")
          .append(i / 3)
          .append("\",\"from\":")
          .append(fromToNode[i] == null ? "null" : "\"" + fromToNode[i] + "\"")
          .append(",\"to\":\"")
          .append(fromToNode[i + 1])
          .append("\",\"node\":\"")
          .append(fromToNode[i + 2])
          .append("\",\"reason\":\"r\"}");
    }
    return JSON.readTree(json.append("]").toString());
  }

  @Test
  void aTakeOverAfterTheLeaseIsFine() {
    assertThat(
            JobEvents.violation(
                "j",
                events(
                    null,
                    "QUEUED",
                    "n1",
                    "QUEUED",
                    "RUNNING",
                    "n1",
                    "RUNNING",
                    "QUEUED",
                    "n2",
                    "QUEUED",
                    "RUNNING",
                    "n2",
                    "RUNNING",
                    "SUCCEEDED",
                    "n2")))
        .isNull();
  }

  @Test
  void notesWhileRunningNeitherClaimNorRelease() {
    // A worker's note and a cancel request taken by another node: the job stays with n1.
    assertThat(
            JobEvents.violation(
                "j",
                events(
                    null,
                    "QUEUED",
                    "n1",
                    "QUEUED",
                    "RUNNING",
                    "n1",
                    "RUNNING",
                    "RUNNING",
                    "n1",
                    "RUNNING",
                    "RUNNING",
                    "n2",
                    "RUNNING",
                    "SUCCEEDED",
                    "n1")))
        .isNull();
    assertThat(
            JobEvents.violation(
                "j",
                events(
                    null,
                    "QUEUED",
                    "n1",
                    "QUEUED",
                    "RUNNING",
                    "n1",
                    "RUNNING",
                    "RUNNING",
                    "n1",
                    "RUNNING",
                    "SUCCEEDED",
                    "n2")))
        .contains("held by n1");
  }

  @Test
  void twoHoldersAtOnceAreAViolation() {
    assertThat(
            JobEvents.violation(
                "j",
                events(null, "QUEUED", "n1", "QUEUED", "RUNNING", "n1", "QUEUED", "RUNNING", "n2")))
        .contains("the job was RUNNING");
    assertThat(
            JobEvents.violation(
                "j",
                events(
                    "QUEUED", "RUNNING", "n1", "RUNNING", "QUEUED", "n1", "QUEUED", "RUNNING", "n2",
                    "RUNNING", "QUEUED", "n2", "QUEUED", "RUNNING", "n1", "RUNNING", "RUNNING",
                    "n1", "QUEUED", "RUNNING", "n2")))
        .contains("the job was RUNNING");
  }

  @Test
  void aZombieFinishingTheJobIsAViolation() {
    assertThat(
            JobEvents.violation(
                "j", events("QUEUED", "RUNNING", "n1", "RUNNING", "SUCCEEDED", "n2")))
        .contains("held by n1");
  }
}
