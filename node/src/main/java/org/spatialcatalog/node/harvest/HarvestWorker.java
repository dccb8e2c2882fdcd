package org.spatialcatalog.node.harvest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spatialcatalog.node.record.HarvestedRecordWriter;
import org.spatialcatalog.node.record.HarvestedRecordWriter.Incoming;
import org.spatialcatalog.node.record.HarvestedRecordWriter.Outcome;
import org.spatialcatalog.node.record.InvalidRecordException;
import org.spatialcatalog.node.record.ParsedRecord;
import org.spatialcatalog.node.record.RecordXmlParser;

/**
 * Runs one claimed job on the calling thread: reads the source page by page from the saved
 * cursor, pushes each page's records through the job's reliable queue into the catalog, removes
 * records that vanished from the source (within the safety share), and ends the job.
 *
 * <p>It writes the job's end itself only for SUCCEEDED and FAILED. When the job is aborted from
 * outside (cancel, timeout, lost lease, hand-back) whoever aborted it owns the state change; the
 * worker just stops, and its fencing token keeps it from writing anything more.
 */
final class HarvestWorker {

  private static final Logger log = LoggerFactory.getLogger(HarvestWorker.class);

  private final HarvestContext context;
  private final RunningJob job;
  private final RecordXmlParser parser;

  HarvestWorker(HarvestContext context, RunningJob job, RecordXmlParser parser) {
    this.context = context;
    this.job = job;
    this.parser = parser;
  }

  void run() {
    String jobId = job.jobId();
    long token = job.fencingToken();
    try {
      HarvestJob row = context.jobs().get(jobId);
      Harvester h = context.harvesters().find(row.harvesterId()).orElse(null);
      if (h == null) {
        end(JobState.FAILED, "harvester " + row.harvesterId() + " was deleted", null);
        return;
      }
      SourceReader reader = context.source(h.type()).open(h, context.access(job));
      String cursor = row.cursor();
      boolean done = row.sourceDone();
      while (!done) {
        job.checkNotAborted();
        SourceReader.Page page = reader.read(cursor);
        processPage(h, page);
        context.transitions().saveCursor(jobId, token, page.next(), page.next() == null);
        cursor = page.next();
        done = cursor == null;
      }
      job.checkNotAborted();
      String note = new VanishedRecords(context, job, h).remove(row.confirmRemoval());
      HarvestJob last = context.jobs().get(jobId);
      String summary = "source read to the end: " + last.processed() + " imported, "
          + last.skipped() + " unchanged, " + last.failed() + " failed, " + last.removed()
          + " removed";
      if (end(JobState.SUCCEEDED, null, note, summary)) {
        context.items().deleteAll(jobId);
      }
    } catch (JobAbortedException | FencedOutException e) {
      log.info("job {} stopped on this node: {}", jobId, e.getMessage());
    } catch (InterruptedException e) {
      if (job.aborted() == null) {
        log.warn("job {} interrupted without being aborted; its lease will expire", jobId);
      }
      Thread.currentThread().interrupt();
    } catch (SourceException e) {
      if (job.aborted() == null) {
        log.warn("job {} failed: {}", jobId, e.getMessage());
        end(JobState.FAILED, e.getMessage(), null);
      }
    } catch (RuntimeException e) {
      if (job.aborted() == null) {
        log.error("job {} failed unexpectedly", jobId, e);
        end(JobState.FAILED, "internal error: " + e, null);
      }
    }
  }

  private boolean end(JobState state, String error, String note) {
    return end(state, error, note, error);
  }

  private boolean end(JobState state, String error, String note, String reason) {
    boolean ended = context.transitions().finish(job.jobId(), job.fencingToken(), state, error,
        note, reason);
    if (ended) {
      context.ended(job.jobId());
    }
    return ended;
  }

  private void processPage(Harvester h, SourceReader.Page page) {
    Map<String, Incoming> incoming = new LinkedHashMap<>();
    Map<String, String> positions = new HashMap<>();
    List<JobItems.Failed> failed = new ArrayList<>();
    for (SourceItem item : page.items()) {
      String fallbackKey = key(item.remoteId() != null ? item.remoteId()
          : "position:" + item.position());
      if (item.error() != null) {
        failed.add(new JobItems.Failed(fallbackKey, item.position(), item.error()));
        continue;
      }
      ParsedRecord parsed;
      try {
        parsed = parser.parse(item.xml());
      } catch (InvalidRecordException e) {
        failed.add(new JobItems.Failed(fallbackKey, item.position(),
            "invalid record: " + e.getMessage()));
        continue;
      }
      String key = key(item.remoteId() != null ? item.remoteId()
          : parsed.uuid() != null ? parsed.uuid() : "position:" + item.position());
      if (!incoming.containsKey(key)) {
        incoming.put(key, new Incoming(key, parsed, item.changeMarker(), sha256(item.xml())));
        positions.put(key, item.position());
      }
    }
    Set<String> pending = context.items().register(job.jobId(), job.fencingToken(),
        List.copyOf(incoming.keySet()), failed);
    List<Incoming> todo = incoming.values().stream()
        .filter(i -> pending.contains(i.remoteId())).toList();
    int batchSize = context.properties().batchSize();
    for (int from = 0; from < todo.size(); from += batchSize) {
      job.checkNotAborted();
      List<Incoming> batch = todo.subList(from, Math.min(todo.size(), from + batchSize));
      context.items().markProcessing(job.jobId(), job.fencingToken(),
          batch.stream().map(Incoming::remoteId).toList());
      List<Outcome> outcomes = context.writer().importBatch(h.id(), batch, result -> {
        List<String> processed = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        List<JobItems.Failed> refused = new ArrayList<>();
        for (Outcome o : result) {
          String key = o.item().remoteId();
          switch (o.result()) {
            case CREATED, UPDATED -> processed.add(key);
            case UNCHANGED -> skipped.add(key);
            case REFUSED -> refused.add(new JobItems.Failed(key, positions.get(key), o.reason()));
          }
        }
        context.items().complete(job.jobId(), job.fencingToken(), processed, skipped, refused);
      });
      context.metrics().recordsImported(outcomes);
    }
    context.metrics().recordsFailed(failed.size());
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
