package org.spatialcatalog.node.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The percentiles of visibility delays, and the slowest samples with when they became visible. */
class VisibilityStatsTest {

  @Test
  void theSlowestSamplesAreListedSlowestFirstWithTheMomentTheyBecameSearchable() {
    VisibilityStats stats = new VisibilityStats();
    Instant start = Instant.parse("2026-12-05T00:30:00Z");
    // Delays 1..100 ms, shuffled by a stride coprime with 100; sample i is visible at start + i s.
    for (int i = 0; i < 100; i++) {
      int delay = 1 + (i * 37) % 100;
      Instant visible = start.plusSeconds(i);
      stats.record(visible.minusMillis(delay), visible);
    }

    Map<String, Object> snapshot = stats.snapshot();

    assertThat(snapshot).containsEntry("count", 100L).containsEntry("maxMs", 100.0);
    assertThat(snapshot.get("p99Ms")).isEqualTo(99.0);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> slowest = (List<Map<String, Object>>) snapshot.get("slowest");
    assertThat(slowest)
        .extracting(s -> s.get("ms"))
        .containsExactly(100.0, 99.0, 98.0, 97.0, 96.0, 95.0, 94.0, 93.0, 92.0, 91.0);
    // Delay 100 is sample i = 27 (27 * 37 = 999), visible 27 s after the start.
    assertThat(slowest.get(0)).containsEntry("visibleAt", "2026-12-05T00:30:27Z");
  }

  @Test
  void aResetLeavesNoSamples() {
    VisibilityStats stats = new VisibilityStats();
    Instant now = Instant.now();
    stats.record(now.minusMillis(5), now);
    stats.reset();

    assertThat(stats.snapshot()).containsEntry("count", 0L).containsEntry("slowest", List.of());
  }
}
