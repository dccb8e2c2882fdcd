package org.spatialcatalog.node.harvest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.spatialcatalog.node.harvest.definition.Harvester;
import org.spatialcatalog.node.harvest.job.JobItems;
import org.spatialcatalog.node.harvest.job.RunningJob;
import org.spatialcatalog.node.harvest.source.RecordIdentity;
import org.spatialcatalog.node.harvest.source.SourceItem;
import org.spatialcatalog.node.harvest.source.SourceReader;
import org.spatialcatalog.node.record.HarvestedRecordWriter.Incoming;
import org.spatialcatalog.node.record.HarvestedRecordWriter.Outcome;
import org.spatialcatalog.node.record.InvalidRecordException;
import org.spatialcatalog.node.record.ParsedRecord;
import org.spatialcatalog.node.record.RecordXmlParser;

/**
 * Imports one page's items as its reader hands them over, so a streamed page is never held: items
 * are gathered into a batch, and the batch is written (through the job's ledger) once it has {@code
 * catalog.harvest.batch-size} records or its records' text reaches {@code catalog.max-record-size},
 * whichever comes first. What is held at any time is therefore one batch of at most that much text,
 * plus the record being read; the page's deletions are kept as ids only and applied at its end.
 *
 * <p>Guarantees: each batch's database work is repeated while the database fails transiently, and
 * is idempotent (the ledger skips what a committed try wrote), so an item handed over twice, when
 * the page's answer broke off and was read again, is imported once. Whether every record of the
 * page was one the run already had is known at its end. Not thread-safe: one per page.
 */
final class PageImport implements SourceReader.ItemSink {

  /** Runs database work, repeating it while the database fails transiently. */
  interface Retrying {
    void run(Runnable work) throws InterruptedException;
  }

  private final HarvestContext context;
  private final RunningJob job;
  private final RecordXmlParser parser;
  private final Harvester h;
  private final Retrying retrying;
  private final long maxBatchChars;

  private final Map<String, Incoming> incoming = new LinkedHashMap<>();
  private final Map<String, String> positions = new HashMap<>();
  private final List<JobItems.Failed> failed = new ArrayList<>();
  private final List<String> deletions = new ArrayList<>();
  private long batchChars;
  private boolean any;
  private boolean allSeen = true;

  PageImport(
      HarvestContext context,
      RunningJob job,
      RecordXmlParser parser,
      Harvester h,
      Retrying retrying,
      long maxBatchChars) {
    this.context = context;
    this.job = job;
    this.parser = parser;
    this.h = h;
    this.retrying = retrying;
    this.maxBatchChars = maxBatchChars;
  }

  @Override
  public void accept(SourceItem item) throws InterruptedException {
    if (item.deleted()) {
      deletions.add(key(item.remoteId()));
      return;
    }
    if (item.error() != null) {
      failed.add(
          new JobItems.Failed(
              key(item.remoteId() != null ? item.remoteId() : "position:" + item.position()),
              item.position(),
              item.error()));
    } else {
      add(item);
    }
    if (incoming.size() + failed.size() >= context.properties().batchSize()
        || batchChars >= maxBatchChars) {
      flush();
    }
  }

  private void add(SourceItem item) {
    ParsedRecord parsed;
    try {
      parsed =
          item.element() != null
              ? parser.read(item.element(), item.xml())
              : parser.parse(item.xml());
    } catch (InvalidRecordException e) {
      // A record that fails validation still has an identity when its XML names one, so a
      // source that always serves a few invalid records does not block removals for ever.
      String id = item.remoteId() != null ? item.remoteId() : RecordIdentity.of(item.xml());
      failed.add(
          new JobItems.Failed(
              key(id != null ? id : "position:" + item.position()),
              item.position(),
              "invalid record: " + e.getMessage()));
      return;
    }
    String key =
        key(
            item.remoteId() != null
                ? item.remoteId()
                : parsed.uuid() != null ? parsed.uuid() : "position:" + item.position());
    if (!incoming.containsKey(key)) {
      incoming.put(key, new Incoming(key, parsed, marker(item.changeMarker()), sha256(item.xml())));
      positions.put(key, item.position());
      batchChars += item.xml().length();
    }
  }

  /**
   * Writes what is left of the page, applies its deletions when the listing is incremental ({@code
   * listingFrom} set), and says whether every record of a non-empty page was one the run already
   * had. When {@code endsListing} says such a page ends the listing, its deletions are not applied.
   */
  boolean finish(String listingFrom, boolean endsListing) throws InterruptedException {
    flush();
    boolean seen = any && allSeen;
    if (seen && endsListing) {
      return true;
    }
    if (listingFrom != null && !deletions.isEmpty() && h.options().common().removesVanished()) {
      job.checkNotAborted();
      retrying.run(
          () -> {
            int removed =
                context
                    .writer()
                    .removeAll(
                        h.id(),
                        deletions,
                        n -> context.items().count(job.jobId(), job.fencingToken(), 0, 0, 0, n));
            context.metrics().recordsRemoved(removed);
          });
    }
    return seen;
  }

  private void flush() throws InterruptedException {
    if (incoming.isEmpty() && failed.isEmpty()) {
      return;
    }
    job.checkNotAborted();
    retrying.run(this::write);
    incoming.clear();
    positions.clear();
    failed.clear();
    batchChars = 0;
  }

  private void write() {
    List<String> keys = new ArrayList<>(incoming.keySet());
    failed.forEach(f -> keys.add(f.key()));
    any = true;
    JobItems.Registered registered =
        context
            .items()
            .register(job.jobId(), job.fencingToken(), List.copyOf(incoming.keySet()), failed);
    if (registered.alreadySeen() != new HashSet<>(keys).size()) {
      allSeen = false;
    }
    List<Incoming> todo =
        incoming.values().stream()
            .filter(i -> registered.pending().contains(i.remoteId()))
            .toList();
    if (!todo.isEmpty()) {
      List<Outcome> outcomes =
          context
              .writer()
              .importBatch(
                  h.id(),
                  todo,
                  result -> {
                    List<String> processed = new ArrayList<>();
                    List<String> skipped = new ArrayList<>();
                    List<JobItems.Failed> refused = new ArrayList<>();
                    for (Outcome o : result) {
                      String key = o.item().remoteId();
                      switch (o.result()) {
                        case CREATED, UPDATED -> processed.add(key);
                        case UNCHANGED -> skipped.add(key);
                        case REFUSED ->
                            refused.add(new JobItems.Failed(key, positions.get(key), o.reason()));
                      }
                    }
                    context
                        .items()
                        .complete(job.jobId(), job.fencingToken(), processed, skipped, refused);
                  });
      context.metrics().recordsImported(outcomes);
    }
    context.metrics().recordsFailed(failed.size());
  }

  /**
   * A change marker fits its column; a longer one (some datestamps are) is replaced by its hash.
   */
  private static String marker(String marker) {
    return marker == null || marker.length() <= 500 ? marker : "sha256:" + sha256(marker);
  }

  private static String key(String key) {
    // Item keys are stored in a VARCHAR(512); a longer remote id is replaced by its hash.
    return key.length() <= 500 ? key : "sha256:" + sha256(key);
  }

  static String sha256(String text) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return java.util.HexFormat.of().formatHex(d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
