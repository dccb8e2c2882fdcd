package org.spatialcatalog.node.harvest;

import java.util.HashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spatialcatalog.node.harvest.definition.Harvester;
import org.spatialcatalog.node.harvest.job.FencedOutException;
import org.spatialcatalog.node.harvest.job.HarvestJob;
import org.spatialcatalog.node.harvest.job.JobAbortedException;
import org.spatialcatalog.node.harvest.job.JobOutcome;
import org.spatialcatalog.node.harvest.job.JobState;
import org.spatialcatalog.node.harvest.job.RunningJob;
import org.spatialcatalog.node.harvest.source.SourceException;
import org.spatialcatalog.node.harvest.source.SourceReader;
import org.spatialcatalog.node.record.RecordXmlParser;
import org.spatialcatalog.node.sql.PlannerStatistics;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;

/**
 * Runs one claimed job on the calling thread: reads the source page by page from the saved cursor,
 * pushes each page's records through the job's reliable queue into the catalog, removes records
 * that vanished from the source (within the safety share), and ends the job.
 *
 * <p>A cursor the source already gave in this attempt, or a page of records the run already has
 * where none are expected, ends the listing with an event: such a source started its listing again,
 * and following it would loop. Records are removed only after a complete listing whose record count
 * did not change between its first and last page; a run whose every record failed ends FAILED, any
 * other complete run SUCCEEDED with an {@link JobOutcome}.
 *
 * <p>It writes the job's end itself only for SUCCEEDED and FAILED. When the job is aborted from
 * outside (cancel, timeout, lost lease, hand-back) whoever aborted it owns the state change; the
 * worker just stops, and its fencing token keeps it from writing anything more. Anything else
 * thrown, {@code Error}s included, ends the job FAILED here, with a reason free of SQL; transient
 * database errors are retried first.
 */
final class HarvestWorker {

  private static final Logger log = LoggerFactory.getLogger(HarvestWorker.class);

  private final HarvestContext context;
  private final RunningJob job;
  private final RecordXmlParser parser;

  /** Set when this run lists only what changed since then (see {@link SourceReader.Page}). */
  private String listingFrom;

  HarvestWorker(HarvestContext context, RunningJob job, RecordXmlParser parser) {
    this.context = context;
    this.job = job;
    this.parser = parser;
  }

  void run() {
    String jobId = job.jobId();
    try {
      harvest();
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
        endQuietly(JobState.FAILED, e.getMessage());
      }
    } catch (RuntimeException e) {
      if (job.aborted() == null) {
        log.error("job {} failed unexpectedly", jobId, e);
        endQuietly(JobState.FAILED, InternalFailure.describe(e, context.transitions().nodeId()));
      }
    } catch (Error e) {
      // OutOfMemoryError, StackOverflowError: thrown by this job's own work (a huge or deeply
      // nested answer), and unwinding released what it held. Left uncaught, the job would stay
      // RUNNING and node after node would take it over and meet the same fate.
      log.error(
          "job {} failed with {}; the job ends, this node carries on", jobId, e.toString(), e);
      if (job.aborted() == null) {
        endQuietly(JobState.FAILED, InternalFailure.describe(e, context.transitions().nodeId()));
      }
    }
  }

  private void harvest() throws SourceException, InterruptedException {
    String jobId = job.jobId();
    long token = job.fencingToken();
    HarvestJob row = context.jobs().get(jobId);
    Harvester h = context.harvesters().find(row.harvesterId()).orElse(null);
    if (h == null) {
      end(JobState.FAILED, "harvester " + row.harvesterId() + " was deleted", null);
      return;
    }
    SourceReader reader = context.source(h.type()).open(h, context.access(job));
    String cursor = row.cursor();
    boolean done = row.sourceDone();
    Long firstMatched = row.listingMatched();
    listingFrom = row.listingFrom();
    Set<String> cursorsSeen = new HashSet<>();
    if (cursor != null) {
      cursorsSeen.add(cursor);
    }
    // Pages that may rightly hold only records the run already has: the first page an attempt
    // reads (a resumed job reads again the page it was working on), and the pages after the
    // source restarted its listing, until one brings something new.
    boolean expectSeen = true;
    while (!done) {
      job.checkNotAborted();
      PageImport pageImport =
          new PageImport(
              context,
              job,
              parser,
              h,
              work ->
                  retryingDatabase(
                      () -> {
                        work.run();
                        return true;
                      }),
              context.maxRecordSize());
      // Streamed: the page's records are imported while its answer is read.
      SourceReader.Page page = reader.read(cursor, pageImport);
      for (String note : page.notes()) {
        context.transitions().note(jobId, token, note);
      }
      if (page.listedSince() != null && listingFrom == null) {
        listingFrom = page.listedSince();
        context.transitions().saveListingFrom(jobId, token, listingFrom);
      }
      if (cursor == null && page.matched() >= 0) {
        firstMatched = page.matched();
        context.transitions().saveListingMatched(jobId, token, firstMatched);
      }
      String ended = null;
      boolean checkSeen = !expectSeen && !page.restarted();
      boolean allSeen = pageImport.finish(listingFrom, checkSeen);
      PageResult result =
          !allSeen ? PageResult.NEW : checkSeen ? PageResult.ENDS_LISTING : PageResult.ALL_SEEN;
      if (result == PageResult.ENDS_LISTING) {
        ended =
            "the page at cursor "
                + cursor
                + " holds only records this run already has:"
                + " the source started its listing again, so the listing ends here";
      }
      expectSeen = page.restarted() || (expectSeen && result == PageResult.ALL_SEEN);
      String next = ended == null ? page.next() : null;
      if (next != null && !cursorsSeen.add(next)) {
        ended =
            "the source sent cursor "
                + next
                + " a second time in this run (a listing that"
                + " would start again); the listing ends here";
        next = null;
      }
      if (ended != null) {
        context.transitions().note(jobId, token, ended);
      }
      if (next == null
          && firstMatched != null
          && firstMatched >= 0
          && page.matched() >= 0
          && page.matched() != firstMatched) {
        context
            .transitions()
            .note(
                jobId,
                token,
                "the source counted "
                    + firstMatched
                    + " records at the first page and "
                    + page.matched()
                    + " at the last: it changed during the listing, so no record is removed this run");
        // -1: the listing was not stable (kept with the job, so a resumed removal knows).
        firstMatched = -1L;
        context.transitions().saveListingMatched(jobId, token, -1L);
      }
      String saved = next;
      retryingDatabase(
          () -> {
            context.transitions().saveCursor(jobId, token, saved, saved == null);
            return true;
          });
      // The next page's look-ups probe indexes only if the planner knows how large the tables
      // have grown; autovacuum is too slow for that during a large harvest.
      context.statistics().refreshIfGrown(PlannerStatistics.HARVEST_TABLES);
      cursor = next;
      done = cursor == null;
    }
    job.checkNotAborted();
    HarvestJob listed = context.jobs().get(jobId);
    if (listed.processed() + listed.skipped() == 0 && listed.failed() > 0) {
      String first =
          context.jobs().failures(jobId, 1).stream()
              .findFirst()
              .map(f -> " (first: " + f.position() + ": " + f.reason() + ")")
              .orElse("");
      end(
          JobState.FAILED,
          "every record of the source failed: "
              + listed.failed()
              + " failures, nothing imported"
              + first
              + "; see GET /api/harvest-jobs/"
              + jobId
              + "/failures",
          null);
      return;
    }
    boolean stable = listed.listingMatched() == null || listed.listingMatched() >= 0;
    // An incremental listing shows only what changed: absent records did not vanish; the
    // deletions the source reported were applied page by page.
    String note =
        listingFrom != null
            ? null
            : new VanishedRecords(context, job, h).remove(row.confirmRemoval(), stable);
    HarvestJob last = context.jobs().get(jobId);
    String summary =
        "source read to the end: "
            + last.processed()
            + " imported, "
            + last.skipped()
            + " unchanged, "
            + last.failed()
            + " failed, "
            + last.removed()
            + " removed";
    JobOutcome outcome = JobOutcome.of(last.failed() > 0, note != null);
    if (context
        .transitions()
        .finish(
            jobId,
            token,
            JobState.SUCCEEDED,
            outcome,
            null,
            note,
            summary + (outcome == JobOutcome.COMPLETE ? "" : "; outcome " + outcome))) {
      context.ended(jobId);
      context.items().deleteAll(jobId);
    }
  }

  /** Work that only touches the database, and may be repeated. */
  private interface DatabaseWork<T> {
    T run();
  }

  /** What became of a page. */
  private enum PageResult {
    /** It had records this run had not seen. */
    NEW,
    /** Every record was already seen, as expected at that point. */
    ALL_SEEN,
    /**
     * Every record was already seen where none should be: the listing started again (importing the
     * page changed nothing, since the ledger skips what is done).
     */
    ENDS_LISTING
  }

  /**
   * Runs {@code work}, repeating it with back-off while the database fails transiently (connection
   * lost, lock timeout, deadlock), for up to {@code catalog.harvest.retry-horizon}. Page work is
   * idempotent: the job's ledger skips what a failed try already committed.
   */
  private <T> T retryingDatabase(DatabaseWork<T> work) throws InterruptedException {
    long until = System.nanoTime() + context.properties().retryHorizon().toNanos();
    java.time.Duration wait = context.properties().retryBackoff();
    while (true) {
      try {
        return work.run();
      } catch (RuntimeException e) {
        if (!transientDatabaseError(e) || System.nanoTime() + wait.toNanos() - until > 0) {
          throw e;
        }
        log.warn(
            "job {}: transient database error ({}); retrying in {}",
            job.jobId(),
            e.getClass().getSimpleName(),
            wait);
        job.checkNotAborted();
        Thread.sleep(wait.toMillis());
        wait = wait.multipliedBy(2);
        if (wait.compareTo(context.properties().maxRetryBackoff()) > 0) {
          wait = context.properties().maxRetryBackoff();
        }
      }
    }
  }

  /**
   * Errors after which the same database work may simply run again. Besides Spring's transient
   * kinds, a transaction that could not begin, commit or roll back: that is a lost connection (the
   * pool evicts it), and the work is idempotent (the ledger finds what a commit that did happen
   * wrote).
   */
  static boolean transientDatabaseError(RuntimeException e) {
    return e instanceof TransientDataAccessException
        || e instanceof RecoverableDataAccessException
        || e instanceof DataAccessResourceFailureException
        || e instanceof org.springframework.transaction.TransactionSystemException
        || e instanceof org.springframework.transaction.CannotCreateTransactionException;
  }

  private void endQuietly(JobState state, String error) {
    try {
      end(state, error, null);
    } catch (RuntimeException e) {
      // The database is unreachable too: the lease expires and a sweep ends or resumes the job.
      log.warn("job {} could not be marked {}: {}", job.jobId(), state, e.toString());
    }
  }

  private boolean end(JobState state, String error, String note) {
    return end(state, error, note, error);
  }

  private boolean end(JobState state, String error, String note, String reason) {
    boolean ended =
        context.transitions().finish(job.jobId(), job.fencingToken(), state, error, note, reason);
    if (ended) {
      context.ended(job.jobId());
    }
    return ended;
  }
}
