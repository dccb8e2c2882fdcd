package org.spatialcatalog.node.chaos;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.spatialcatalog.node.client.CatalogClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Everything the workload did, in the order it was done, with each operation's outcome as the
 * client saw it. Thread-safe. Each record key is written by one writer only, so the operations on
 * one key are sequential and their order here is the order they took effect.
 */
final class History {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** What the client knows about an operation. */
  enum Outcome {
    /** 2xx: the node says it took effect. */
    ACKNOWLEDGED,
    /** 4xx, or the request never reached a node (connection refused): no effect. */
    REFUSED,
    /** 5xx, a timeout or a reset: it may or may not have taken effect. */
    UNKNOWN
  }

  /**
   * One operation.
   *
   * @param seq order of completion
   * @param kind {@code create}, {@code update}, {@code delete}, {@code setting}, {@code search},
   *     {@code harvest}, {@code lock}, {@code unlock}
   * @param key the record uuid, setting value or harvester name
   * @param version the version the node answered (0 if none)
   * @param value the content written (the title), if any
   */
  record Op(
      long seq,
      int node,
      String kind,
      String key,
      Outcome outcome,
      long version,
      String value,
      String detail) {}

  private final AtomicLong seq = new AtomicLong();
  private final ConcurrentLinkedQueue<Op> ops = new ConcurrentLinkedQueue<>();

  Op add(
      int node,
      String kind,
      String key,
      Outcome outcome,
      long version,
      String value,
      String detail) {
    Op op = new Op(seq.incrementAndGet(), node, kind, key, outcome, version, value, detail);
    ops.add(op);
    return op;
  }

  /** The outcome an HTTP status means. */
  static Outcome outcome(int status) {
    if (status >= 200 && status < 300) {
      return Outcome.ACKNOWLEDGED;
    }
    return status >= 400 && status < 500 ? Outcome.REFUSED : Outcome.UNKNOWN;
  }

  /**
   * The outcome of an answer. A 503 whose problem says {@code stored: true} ("Stored but not yet
   * searchable", or "Deleted but still searchable") is an acknowledged write: the change is
   * committed and every node will apply it; only its visibility on the answering node was late.
   */
  static Outcome outcome(CatalogClient.Response r) {
    if (r.status() == 503 && storedAnyway(r.body())) {
      return Outcome.ACKNOWLEDGED;
    }
    return outcome(r.status());
  }

  /** Whether a problem+json body says the write was stored although the answer is an error. */
  static boolean storedAnyway(String body) {
    try {
      return body != null && JSON.readTree(body).path("stored").asBoolean(false);
    } catch (RuntimeException notJson) {
      return false;
    }
  }

  /** The outcome an exception means: refused only if the request cannot have been sent. */
  static Outcome outcome(IOException e) {
    return e instanceof ConnectException || e instanceof HttpConnectTimeoutException
        ? Outcome.REFUSED
        : Outcome.UNKNOWN;
  }

  List<Op> all() {
    return new ArrayList<>(ops);
  }

  List<Op> of(String kind) {
    return ops.stream().filter(o -> o.kind().equals(kind)).toList();
  }

  /** Operations on each key, in order. */
  Map<String, List<Op>> byKey(List<String> kinds) {
    Map<String, List<Op>> out = new TreeMap<>();
    for (Op op : ops) {
      if (kinds.contains(op.kind())) {
        out.computeIfAbsent(op.key(), k -> new ArrayList<>()).add(op);
      }
    }
    return out;
  }

  /** "create 120 (acknowledged 100, refused 12, unknown 8)" per kind. */
  Map<String, String> counts() {
    Map<String, java.util.EnumMap<Outcome, Long>> n = new TreeMap<>();
    for (Op op : ops) {
      n.computeIfAbsent(op.kind(), k -> new java.util.EnumMap<>(Outcome.class))
          .merge(op.outcome(), 1L, Long::sum);
    }
    Map<String, String> out = new TreeMap<>();
    n.forEach(
        (k, c) -> {
          long acked = c.getOrDefault(Outcome.ACKNOWLEDGED, 0L);
          long refused = c.getOrDefault(Outcome.REFUSED, 0L);
          long unknown = c.getOrDefault(Outcome.UNKNOWN, 0L);
          out.put(
              k,
              (acked + refused + unknown)
                  + " (acknowledged "
                  + acked
                  + ", refused "
                  + refused
                  + ", unknown "
                  + unknown
                  + ")");
        });
    return out;
  }
}
