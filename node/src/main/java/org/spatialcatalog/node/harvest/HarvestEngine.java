package org.spatialcatalog.node.harvest;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spatialcatalog.node.harvest.definition.HarvestProperties;
import org.spatialcatalog.node.harvest.job.HarvestJob;
import org.spatialcatalog.node.harvest.job.JobState;
import org.spatialcatalog.node.harvest.job.JobTransitions;
import org.spatialcatalog.node.harvest.job.RunningJob;
import org.spatialcatalog.node.record.RecordXmlParser;
import org.spatialcatalog.node.user.CurrentUser;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs this node's harvest jobs: claims a job in the database, then runs it on one of {@code
 * maxConcurrentPerNode} named worker threads, so the HARVEST message that brought it is
 * acknowledged right after the claim, never held for the length of a harvest.
 *
 * <p>On start it puts back in the queue the jobs the database still shows RUNNING on this node
 * (they died with the node's previous process). On a graceful stop it aborts its jobs and hands
 * them back to the queue at once, so another node resumes them without waiting for a lease to
 * expire. Phase 20: started after and stopped before the cluster messaging, which it needs.
 */
@Component
class HarvestEngine implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(HarvestEngine.class);

  /** What became of an attempt to start a job here. */
  enum Start {
    STARTED,
    /** The job is not QUEUED (already taken, finished, cancelled) or its harvester is gone. */
    NOT_QUEUED,
    /** No free slot on this node or in the cluster. */
    BUSY,
    /** This node is not accepting jobs (starting or stopping). */
    STOPPING
  }

  private final HarvestContext context;
  private final JobDispatcher dispatcher;
  private final RecordXmlParser parser;
  private final HarvestProperties properties;
  private final Map<String, RunningJob> running = new ConcurrentHashMap<>();
  private final Semaphore permits;
  private final ExecutorService workers;
  private volatile boolean accepting;

  HarvestEngine(
      HarvestContext context,
      JobDispatcher dispatcher,
      RecordXmlParser parser,
      HarvestProperties properties) {
    this.context = context;
    this.dispatcher = dispatcher;
    this.parser = parser;
    this.properties = properties;
    this.permits = new Semaphore(properties.maxConcurrentPerNode());
    AtomicInteger n = new AtomicInteger();
    this.workers =
        new ThreadPoolExecutor(
            properties.maxConcurrentPerNode(),
            properties.maxConcurrentPerNode(),
            60,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            r -> {
              Thread t = new Thread(r, "harvest-worker-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Claims the job and starts it on a worker if this node and the cluster have a free slot. The
   * claim and the run are the node's own work, done as the system identity whoever asked.
   */
  Start tryStart(String jobId) {
    return CurrentUser.runAs(CurrentUser.SYSTEM, () -> claimAndStart(jobId));
  }

  private Start claimAndStart(String jobId) {
    if (!accepting) {
      return Start.STOPPING;
    }
    if (!permits.tryAcquire()) {
      return Start.BUSY;
    }
    boolean started = false;
    try {
      JobTransitions.Claim claim =
          context
              .transitions()
              .claim(
                  jobId,
                  properties.maxConcurrentCluster(),
                  properties.maxConcurrentPerNode(),
                  properties.leaseDuration(),
                  properties.defaultTimeout());
      switch (claim.outcome()) {
        case CLAIMED -> {
          HarvestJob job = claim.job();
          RunningJob rj = new RunningJob(job.id(), job.harvesterId(), job.fencingToken());
          running.put(job.id(), rj);
          workers.execute(
              () ->
                  CurrentUser.runAs(
                      CurrentUser.SYSTEM,
                      () -> {
                        run(rj);
                        return null;
                      }));
          started = true;
          log.info(
              "job {} of harvester {} started here (attempt {}, token {})",
              job.id(),
              job.harvesterId(),
              job.attempt(),
              job.fencingToken());
          return Start.STARTED;
        }
        case HARVESTER_GONE -> {
          context.ended(jobId);
          return Start.NOT_QUEUED;
        }
        case NOT_QUEUED -> {
          return Start.NOT_QUEUED;
        }
        case LOST_AT_ONCE -> {
          log.warn(
              "job {} was claimed here but its lease ran out before the claim committed; the"
                  + " recovery sweep has it, so it is not started here",
              jobId);
          return Start.NOT_QUEUED;
        }
        default -> {
          return Start.BUSY;
        }
      }
    } finally {
      if (!started) {
        permits.release();
      }
    }
  }

  private void run(RunningJob job) {
    job.attach(Thread.currentThread());
    try {
      new HarvestWorker(context, job, parser).run();
    } finally {
      running.remove(job.jobId());
      permits.release();
      Thread.interrupted();
    }
  }

  Collection<RunningJob> running() {
    return List.copyOf(running.values());
  }

  boolean accepting() {
    return accepting;
  }

  @Override
  public void start() {
    for (HarvestJob orphan : context.jobs().inState(JobState.RUNNING)) {
      if (context.transitions().nodeId().equals(orphan.nodeId())
          && context
              .transitions()
              .requeue(
                  orphan.id(),
                  orphan.fencingToken(),
                  "node " + orphan.nodeId() + " restarted; the run it had died with its process")) {
        log.info("job {} was running here before this node restarted; queued again", orphan.id());
        dispatcher.dispatch(context.jobs().get(orphan.id()));
      }
    }
    accepting = true;
  }

  @Override
  public void stop() {
    accepting = false;
    List<RunningJob> jobs = new ArrayList<>(running.values());
    jobs.forEach(j -> j.abort(RunningJob.Abort.HANDBACK));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!running.isEmpty() && System.nanoTime() < deadline) {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    List<java.util.concurrent.CompletableFuture<Void>> sends = new ArrayList<>();
    for (RunningJob j : jobs) {
      try {
        if (context
            .transitions()
            .requeue(
                j.jobId(),
                j.fencingToken(),
                "handed back: node " + context.transitions().nodeId() + " is stopping")) {
          sends.add(dispatcher.dispatch(context.jobs().get(j.jobId())));
          log.info("job {} handed back to the queue", j.jobId());
        }
      } catch (RuntimeException e) {
        log.warn("job {} not handed back ({}); its lease expires instead", j.jobId(), e.toString());
      }
    }
    try {
      // The messaging stops right after this phase: let the hand-back messages go out first.
      java.util.concurrent.CompletableFuture.allOf(
              sends.toArray(java.util.concurrent.CompletableFuture[]::new))
          .get(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      log.warn("hand-back messages not all sent ({}); the recovery sweep sends them", e.toString());
    }
    workers.shutdownNow();
  }

  @Override
  public boolean isRunning() {
    return accepting;
  }

  @Override
  public int getPhase() {
    return 20;
  }
}
