package org.spatialcatalog.node.harvest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;

/** A job's error names the kind of failure and the node, never SQL. */
class InternalFailureTest {

  @Test
  void aDatabaseErrorIsDescribedWithoutItsSql() {
    DuplicateKeyException e =
        new DuplicateKeyException(
            "PreparedStatementCallback; SQL"
                + " [INSERT INTO harvest_item (job_id, item_key, state) VALUES (?, ?, ?)]; Unique index"
                + " or primary key violation: \"PRIMARY KEY ON PUBLIC.HARVEST_ITEM(JOB_ID, ITEM_KEY)\"");
    String error = InternalFailure.describe(e, "node-2");
    assertThat(error)
        .contains("DuplicateKeyException")
        .contains("node-2")
        .doesNotContainIgnoringCase("insert")
        .doesNotContainIgnoringCase("harvest_item")
        .doesNotContain("SQL");
  }

  @Test
  void anUnexpectedExceptionWhoseMessageLooksLikeSqlLosesTheMessage() {
    String error =
        InternalFailure.describe(
            new IllegalStateException("UPDATE harvest_job SET state = 'X' WHERE id = 'secret'"),
            "node-1");
    assertThat(error)
        .isEqualTo("internal error: IllegalStateException; details in the log of" + " node node-1");
    assertThat(InternalFailure.describe(new NumberFormatException("For input string: \"x\""), "n"))
        .contains("For input string");
  }

  @Test
  void errorsSayWhatHappened() {
    assertThat(InternalFailure.describe(new StackOverflowError(), "n")).contains("stack overflow");
    assertThat(InternalFailure.describe(new OutOfMemoryError("Java heap space"), "n"))
        .contains("out of memory")
        .contains("max-response-size");
  }
}
