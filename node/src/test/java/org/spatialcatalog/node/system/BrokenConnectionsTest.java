package org.spatialcatalog.node.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.SQLExceptionOverride.Override;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class BrokenConnectionsTest {

  private final BrokenConnections adjudicator = new BrokenConnections();

  @Test
  void h2sBrokenConnectionEvictsItAnywhereInTheChain() {
    SQLException broken = new SQLException("Connection is broken", "90067", 90067);
    assertThat(adjudicator.adjudicate(broken)).isEqualTo(Override.MUST_EVICT);
    SQLException wrapped = new SQLException("batch failed", "HY000", 0, broken);
    assertThat(adjudicator.adjudicate(wrapped)).isEqualTo(Override.MUST_EVICT);
  }

  @Test
  void otherErrorsAreLeftToThePool() {
    assertThat(adjudicator.adjudicate(new SQLException("duplicate key", "23505", 23505)))
        .isEqualTo(Override.CONTINUE_EVICT);
  }
}
