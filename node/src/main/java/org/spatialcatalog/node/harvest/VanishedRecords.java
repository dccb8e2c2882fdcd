package org.spatialcatalog.node.harvest;

import java.util.List;
import java.util.Locale;
import org.spatialcatalog.node.harvest.definition.Harvester;
import org.spatialcatalog.node.harvest.job.JobItems;
import org.spatialcatalog.node.harvest.job.RunningJob;

/**
 * Removes, after a complete run, the harvester's records that the source no longer has.
 *
 * <p>Guarantees: nothing is removed when the harvester turned removal off, when records of the run
 * failed before their id was known (a record the source still has but that failed to parse must not
 * count as gone), when the source's record count changed between the first and the last page
 * (offset paging then skips records that are still there), or when the removal would take more than
 * the allowed share of the harvester's records and no operator confirmed it: a source that suddenly
 * answers empty or truncated cannot wipe the catalog. Removals commit in batches with the job's
 * fencing check and counters.
 */
final class VanishedRecords {

  private static final int BATCH = 200;

  private final HarvestContext context;
  private final RunningJob job;
  private final Harvester harvester;

  VanishedRecords(HarvestContext context, RunningJob job, Harvester harvester) {
    this.context = context;
    this.job = job;
    this.harvester = harvester;
  }

  /** Removes what vanished; returns a note for the operator when removal was held back. */
  String remove(boolean confirmed, boolean stableListing) {
    if (!harvester.options().common().removesVanished()) {
      return null;
    }
    JobItems items = context.items();
    long vanished = items.vanishedCount(harvester.id(), job.jobId());
    if (vanished == 0) {
      return null;
    }
    if (!stableListing) {
      // Offset paging skips a record when the source changes between pages; that record is
      // still there, and removing it would cost its id, privileges and attachments.
      return hold(
          vanished
              + " records no longer seen at the source were kept because the"
              + " source's record count changed during the listing; the next stable run removes"
              + " them");
    }
    long anonymous = items.failedWithoutRemoteId(job.jobId());
    if (anonymous > 0) {
      return hold(
          vanished
              + " records no longer seen at the source were kept because "
              + anonymous
              + " records of this run failed before their id was known");
    }
    long total = items.harvestedCount(harvester.id());
    double share = maxShare();
    if (!confirmed && vanished > share * total) {
      return hold(
          String.format(
              Locale.ROOT,
              "%d of the harvester's %d records (%.0f%%) are no longer at the source; removing them"
                  + " exceeds the limit of %.0f%%, so they were kept. Check the source, then run"
                  + " again with confirmRemoval=true",
              vanished,
              total,
              100.0 * vanished / total,
              100 * share));
    }
    String after = null;
    while (true) {
      job.checkNotAborted();
      List<String> batch = items.vanished(harvester.id(), job.jobId(), after, BATCH);
      if (batch.isEmpty()) {
        return null;
      }
      after = batch.get(batch.size() - 1);
      int removed =
          context
              .writer()
              .removeAll(
                  harvester.id(),
                  batch,
                  n -> items.count(job.jobId(), job.fencingToken(), 0, 0, 0, n));
      context.metrics().recordsRemoved(removed);
    }
  }

  private double maxShare() {
    return harvester.options().common().maxRemovalShareOr(context.properties().maxRemovalShare());
  }

  private String hold(String note) {
    context.transitions().note(job.jobId(), job.fencingToken(), note);
    return note;
  }
}
