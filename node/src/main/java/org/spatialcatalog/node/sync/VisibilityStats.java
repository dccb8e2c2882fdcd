package org.spatialcatalog.node.sync;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Delays between a change's commit (its change-log timestamp, taken on the writing node) and the
 * moment it became searchable on this node. Keeps the most recent 100,000 samples; the benchmark
 * reads and resets them. Comparable across nodes only when their clocks agree (same machine).
 */
@Component
public class VisibilityStats {

  private static final int CAPACITY = 100_000;

  private final long[] micros = new long[CAPACITY];
  private long recorded;

  synchronized void record(Instant committedAt, Instant visibleAt) {
    long delay = Math.max(0, Duration.between(committedAt, visibleAt).toNanos() / 1000);
    micros[(int) (recorded % CAPACITY)] = delay;
    recorded++;
  }

  public synchronized void reset() {
    recorded = 0;
  }

  /** Count and p50/p95/p99/max in milliseconds of the kept samples. */
  public synchronized Map<String, Object> snapshot() {
    int n = (int) Math.min(recorded, CAPACITY);
    long[] sorted = Arrays.copyOf(micros, n);
    Arrays.sort(sorted);
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("count", recorded);
    result.put("p50Ms", percentile(sorted, 0.50));
    result.put("p95Ms", percentile(sorted, 0.95));
    result.put("p99Ms", percentile(sorted, 0.99));
    result.put("maxMs", n == 0 ? 0.0 : sorted[n - 1] / 1000.0);
    return result;
  }

  private static double percentile(long[] sorted, double q) {
    if (sorted.length == 0) {
      return 0.0;
    }
    int index = (int) Math.ceil(q * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(index, sorted.length - 1))] / 1000.0;
  }
}
