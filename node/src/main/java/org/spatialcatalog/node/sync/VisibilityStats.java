package org.spatialcatalog.node.sync;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import org.springframework.stereotype.Component;

/**
 * Delays between a change's commit (its change-log timestamp, taken on the writing node) and the
 * moment it became searchable on this node. Keeps the most recent 100,000 samples, each with the
 * moment it became searchable, so the slowest can be laid beside a node's log or a JFR recording;
 * the benchmark reads and resets them. Comparable across nodes only when their clocks agree (same
 * machine).
 */
@Component
public class VisibilityStats {

  private static final int CAPACITY = 100_000;

  /** How many of the slowest samples {@link #snapshot()} lists. */
  static final int SLOWEST = 10;

  private final long[] micros = new long[CAPACITY];
  private final long[] visibleAtMillis = new long[CAPACITY];
  private long recorded;

  synchronized void record(Instant committedAt, Instant visibleAt) {
    long delay = Math.max(0, Duration.between(committedAt, visibleAt).toNanos() / 1000);
    int slot = (int) (recorded % CAPACITY);
    micros[slot] = delay;
    visibleAtMillis[slot] = visibleAt.toEpochMilli();
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
    result.put("slowest", slowest(n));
    return result;
  }

  /** The {@link #SLOWEST} largest of the first {@code n} slots, slowest first. */
  private List<Map<String, Object>> slowest(int n) {
    PriorityQueue<Integer> top = new PriorityQueue<>(Comparator.comparingLong(i -> micros[i]));
    for (int i = 0; i < n; i++) {
      if (top.size() < SLOWEST) {
        top.add(i);
      } else if (micros[i] > micros[top.peek()]) {
        top.poll();
        top.add(i);
      }
    }
    List<Integer> slots = new ArrayList<>(top);
    slots.sort(Comparator.comparingLong((Integer i) -> micros[i]).reversed());
    List<Map<String, Object>> result = new ArrayList<>();
    for (int i : slots) {
      Map<String, Object> sample = new LinkedHashMap<>();
      sample.put("visibleAt", Instant.ofEpochMilli(visibleAtMillis[i]).toString());
      sample.put("ms", micros[i] / 1000.0);
      result.add(sample);
    }
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
