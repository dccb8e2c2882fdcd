package org.spatialcatalog.node.harvest.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spatialcatalog.config.NodeIdentity;
import org.spatialcatalog.node.harvest.definition.HarvestProperties;
import org.spatialcatalog.node.harvest.definition.Harvester;
import org.spatialcatalog.node.harvest.definition.HarvesterOptions;
import org.spatialcatalog.node.harvest.definition.HarvesterRepository;
import org.spatialcatalog.node.harvest.definition.HarvesterType;
import org.spatialcatalog.node.harvest.source.TestAccess;
import org.spatialcatalog.node.user.CurrentUser;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Job claims, fencing and limits against a real (H2) database, with several "nodes" (transition
 * objects with their own node ids) racing each other.
 */
class JobTransitionsIT {

  @TempDir Path dir;
  JdbcClient jdbc;
  TransactionTemplate tx;
  JobRepository jobs;
  HarvesterRepository harvesters;

  @BeforeEach
  void database() {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:file:" + dir.resolve("db") + ";LOCK_TIMEOUT=10000");
    Flyway.configure()
        .dataSource(ds)
        .locations("classpath:db/migration/common", "classpath:db/migration/h2")
        .load()
        .migrate();
    jdbc = JdbcClient.create(ds);
    tx = new TransactionTemplate(new DataSourceTransactionManager(ds));
    jobs = new JobRepository(jdbc);
    harvesters = new HarvesterRepository(jdbc);
  }

  JobTransitions node(String name) {
    return new JobTransitions(
        jdbc, tx, jobs, Clock.systemUTC(), NodeIdentity.loadOrCreate(dir.resolve(name)));
  }

  Harvester harvester() {
    Instant now = Instant.now();
    Harvester h =
        new Harvester(
            UUID.randomUUID().toString(),
            "h-" + UUID.randomUUID(),
            HarvesterType.OAIPMH,
            "http://localhost/oai",
            null,
            true,
            3600,
            4,
            HarvesterOptions.given(HarvesterType.OAIPMH, Map.of()),
            now,
            now,
            now);
    harvesters.insert(h);
    return h;
  }

  @Test
  void aNodeThatLostTheJobCanNoLongerWriteForIt() {
    JobTransitions a = node("a");
    JobTransitions b = node("b");
    JobItems items = new JobItems(jdbc, new JdbcTemplate(jdbc_ds()), tx, Clock.systemUTC());
    HarvestJob job = a.createQueued(harvester(), "manual", null, false);
    JobTransitions.Claim first =
        a.claim(job.id(), 4, 4, Duration.ofSeconds(30), Duration.ofHours(1));
    assertThat(first.outcome()).isEqualTo(JobTransitions.ClaimOutcome.CLAIMED);
    long staleToken = first.job().fencingToken();

    // Node a "pauses"; a recovery sweep requeues the job and node b takes it over.
    assertThat(b.requeue(job.id(), staleToken, "lease expired")).isTrue();
    JobTransitions.Claim second =
        b.claim(job.id(), 4, 4, Duration.ofSeconds(30), Duration.ofHours(1));
    assertThat(second.outcome()).isEqualTo(JobTransitions.ClaimOutcome.CLAIMED);
    assertThat(second.job().fencingToken()).isGreaterThan(staleToken);
    assertThat(second.job().attempt()).isEqualTo(2);

    assertThatThrownBy(() -> items.register(job.id(), staleToken, List.of("r1"), List.of()))
        .isInstanceOf(FencedOutException.class);
    assertThat(jobs.unfinishedItemCounts(job.id())).isEmpty();
    assertThat(a.renew(job.id(), staleToken, Duration.ofSeconds(30))).isFalse();
    assertThat(a.finish(job.id(), staleToken, JobState.SUCCEEDED, null, null, "stale")).isFalse();
    assertThatThrownBy(() -> a.saveCursor(job.id(), staleToken, "x", false))
        .isInstanceOf(FencedOutException.class);

    long current = second.job().fencingToken();
    assertThat(items.register(job.id(), current, List.of("r1"), List.of()).pending())
        .containsExactly("r1");
    assertThat(b.finish(job.id(), current, JobState.SUCCEEDED, null, null, "done")).isTrue();
    assertThat(jobs.get(job.id()).state()).isEqualTo(JobState.SUCCEEDED);
    assertThat(jobs.events(job.id()))
        .extracting(JobRepository.Event::to)
        .containsExactly("QUEUED", "RUNNING", "QUEUED", "RUNNING", "SUCCEEDED");
  }

  @Test
  void aClaimWhoseLeaseRanOutBeforeItsCommitIsNotStartedAndItsNodeCannotWriteANote() {
    // Found by the chaos run (seed 209, H2): node 1 was paused while its claim transaction was
    // open. The lease was reckoned from the transaction's start, so it had run out when the claim
    // committed; the recovery sweep queued the job again, and node 1 still wrote a note event.
    // Here the "pause" falls between the claim's commit and its renewal: the other node's sweep
    // sees the expired lease and takes the job back first.
    JobTransitions sweeper = node("b");
    Duration lease = Duration.ofMillis(500);
    JobTransitions paused =
        new JobTransitions(
            jdbc, tx, jobs, Clock.systemUTC(), NodeIdentity.loadOrCreate(dir.resolve("a"))) {
          @Override
          public boolean renew(String jobId, long token, Duration leaseDuration) {
            HarvestJob claimed = jobs.get(jobId);
            org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> claimed.leaseUntil().isBefore(sweeper.databaseNow()));
            assertThat(
                    sweeper.requeueExpired(
                        jobId, token, sweeper.databaseNow(), "lease expired; back in the queue"))
                .isTrue();
            return super.renew(jobId, token, leaseDuration);
          }
        };
    HarvestJob job = paused.createQueued(harvester(), "manual", null, false);

    JobTransitions.Claim claim = paused.claim(job.id(), 4, 4, lease, Duration.ofHours(1));

    assertThat(claim.outcome()).isEqualTo(JobTransitions.ClaimOutcome.LOST_AT_ONCE);
    assertThat(jobs.get(job.id()).state()).isEqualTo(JobState.QUEUED);
    long staleToken = jobs.get(job.id()).fencingToken() - 1;
    assertThatThrownBy(() -> paused.note(job.id(), staleToken, "complete listing: 3 records"))
        .isInstanceOf(FencedOutException.class);
    assertThat(jobs.events(job.id()))
        .extracting(JobRepository.Event::to)
        .containsExactly("QUEUED", "RUNNING", "QUEUED");
  }

  @Test
  void aSweepThatSawAnExpiredLeaseLeavesTheJobToAHolderThatRenewedSince() {
    JobTransitions holder = node("a");
    JobTransitions sweeper = node("b");
    HarvestJob job = holder.createQueued(harvester(), "manual", null, false);
    JobTransitions.Claim claim =
        holder.claim(job.id(), 4, 4, Duration.ofMillis(200), Duration.ofHours(1));
    assertThat(claim.outcome()).isEqualTo(JobTransitions.ClaimOutcome.CLAIMED);
    long token = claim.job().fencingToken();
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> jobs.get(job.id()).leaseUntil().isBefore(sweeper.databaseNow()));
    // The sweep reads the clock and sees the lease expired; the holder renews before the sweep
    // writes.
    Instant sweepSaw = sweeper.databaseNow();
    assertThat(holder.renew(job.id(), token, Duration.ofSeconds(30))).isTrue();

    assertThat(sweeper.requeueExpired(job.id(), token, sweepSaw, "lease expired")).isFalse();
    assertThat(
            sweeper.finishExpired(
                job.id(), token, sweepSaw, JobState.FAILED, "gave up", "lease expired"))
        .isFalse();
    HarvestJob kept = jobs.get(job.id());
    assertThat(kept.state()).isEqualTo(JobState.RUNNING);
    assertThat(kept.fencingToken()).isEqualTo(token);

    holder.note(job.id(), token, "still here");
    assertThat(jobs.events(job.id()))
        .extracting(JobRepository.Event::reason)
        .contains("still here");
  }

  @Test
  void aPageReadAgainAfterAResumeRegistersItsFailuresOnce() {
    // Found by the chaos run (seed 101): the job resumed on another node, read its page again,
    // and failed on a duplicate key for the record that had failed on the first reading.
    JobTransitions a = node("a");
    JobItems items = new JobItems(jdbc, new JdbcTemplate(jdbc_ds()), tx, Clock.systemUTC());
    HarvestJob job = a.createQueued(harvester(), "manual", null, false);
    long first =
        a.claim(job.id(), 4, 4, Duration.ofSeconds(30), Duration.ofHours(1)).job().fencingToken();
    List<JobItems.Failed> failures =
        List.of(new JobItems.Failed("oai:bad", "page 1, record 2", "no title"));
    JobItems.Registered firstReading =
        items.register(job.id(), first, List.of("oai:a", "oai:b"), failures);
    assertThat(firstReading.pending()).containsExactlyInAnyOrder("oai:a", "oai:b");
    assertThat(firstReading.alreadySeen()).isZero();
    // The failure is finished: counted on the job's row, not among the unfinished items.
    assertThat(jobs.unfinishedItemCounts(job.id())).containsOnly(Map.entry("PROCESSING", 2L));
    assertThat(jobs.get(job.id()).failed()).isEqualTo(1);
    tx.executeWithoutResult(
        s -> items.complete(job.id(), first, List.of("oai:a"), List.of(), List.of()));

    assertThat(a.requeue(job.id(), first, "handed back")).isTrue();
    long second =
        a.claim(job.id(), 4, 4, Duration.ofSeconds(30), Duration.ofHours(1)).job().fencingToken();
    JobItems.Registered secondReading =
        items.register(job.id(), second, List.of("oai:a", "oai:b"), failures);
    assertThat(secondReading.pending()).containsExactly("oai:b");
    assertThat(secondReading.alreadySeen()).isEqualTo(3);
    assertThat(jobs.get(job.id()).failed()).isEqualTo(1);
  }

  @Test
  void leasesFollowTheDatabaseClockAndResumeResetsTheAttempts() {
    // The node's own work runs as the system identity (HarvestEngine, BackgroundLoop); so does
    // this test, and every event must say so.
    CurrentUser.runAs(
        CurrentUser.SYSTEM,
        () -> {
          leasesFollowTheDatabaseClock();
          return null;
        });
  }

  private void leasesFollowTheDatabaseClock() {
    // A node whose clock runs an hour ahead would otherwise write leases that outlive it by an
    // hour, and see every other node's lease as expired.
    JobTransitions skewed =
        new JobTransitions(
            jdbc,
            tx,
            jobs,
            Clock.offset(Clock.systemUTC(), Duration.ofHours(1)),
            NodeIdentity.loadOrCreate(dir.resolve("skewed")));
    HarvestJob job = skewed.createQueued(harvester(), "manual", null, false);
    JobTransitions.Claim claim =
        skewed.claim(job.id(), 4, 4, Duration.ofSeconds(30), Duration.ofHours(1));
    Instant databaseNow = skewed.databaseNow();
    assertThat(claim.job().leaseUntil())
        .isAfter(databaseNow)
        .isBefore(databaseNow.plus(Duration.ofMinutes(5)));
    assertThat(skewed.renew(job.id(), claim.job().fencingToken(), Duration.ofSeconds(30))).isTrue();
    assertThat(jobs.get(job.id()).leaseUntil()).isBefore(databaseNow.plus(Duration.ofMinutes(5)));

    assertThat(
            skewed.finish(
                job.id(), claim.job().fencingToken(), JobState.FAILED, "down", null, "down"))
        .isTrue();
    assertThat(jobs.get(job.id()).attempt()).isEqualTo(1);
    HarvestJob resumed = skewed.resume(job.id());
    assertThat(resumed.attempt()).isZero();
    assertThat(
            skewed
                .claim(job.id(), 4, 4, Duration.ofSeconds(30), Duration.ofHours(1))
                .job()
                .attempt())
        .isEqualTo(1);
    assertThat(jobs.events(job.id())).extracting(JobRepository.Event::actor).containsOnly("system");
  }

  @Test
  void aHarvesterNeverHasTwoActiveJobs() {
    Harvester h = harvester();
    HarvestJob job = node("a").createQueued(h, "manual", null, false);
    assertThatThrownBy(() -> node("b").createQueued(h, "manual", null, false))
        .isInstanceOf(JobAlreadyActiveException.class)
        .satisfies(e -> assertThat(((JobAlreadyActiveException) e).jobId()).isEqualTo(job.id()));
  }

  @Test
  void racingNodesNeverRunMoreThanTheClusterLimit() throws Exception {
    int jobsToRun = 24;
    List<String> ids = new ArrayList<>();
    JobTransitions creator = node("creator");
    for (int i = 0; i < jobsToRun; i++) {
      ids.add(creator.createQueued(harvester(), "manual", null, false).id());
    }
    List<JobTransitions> nodes = List.of(node("n1"), node("n2"), node("n3"), node("n4"));
    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<JobTransitions.ClaimOutcome>> results = new ArrayList<>();
    for (int i = 0; i < jobsToRun; i++) {
      String id = ids.get(i);
      JobTransitions n = nodes.get(i % nodes.size());
      results.add(
          pool.submit(
              () -> {
                go.await();
                return n.claim(id, 4, 2, Duration.ofSeconds(30), Duration.ofHours(1)).outcome();
              }));
    }
    go.countDown();
    int claimed = 0;
    for (Future<JobTransitions.ClaimOutcome> r : results) {
      if (r.get() == JobTransitions.ClaimOutcome.CLAIMED) {
        claimed++;
      }
    }
    pool.shutdown();
    assertThat(claimed).isEqualTo(4);
    assertThat(jobs.inState(JobState.RUNNING))
        .hasSize(4)
        .allSatisfy(j -> assertThat(j.attempt()).isEqualTo(1));
    // No node ran more than its own limit of 2.
    assertThat(
            jobs.inState(JobState.RUNNING).stream()
                .map(HarvestJob::nodeId)
                .collect(
                    java.util.stream.Collectors.groupingBy(
                        n -> n, java.util.stream.Collectors.counting()))
                .values())
        .allSatisfy(count -> assertThat(count).isLessThanOrEqualTo(2));
  }

  @Test
  void cancelEndsAQueuedJobAtOnceAndFlagsARunningOne() {
    JobTransitions a = node("a");
    HarvestJob queued = a.createQueued(harvester(), "manual", null, false);
    assertThat(a.requestCancel(queued.id()).state()).isEqualTo(JobState.CANCELLED);
    assertThatThrownBy(() -> a.requestCancel(queued.id()))
        .isInstanceOf(JobStateConflictException.class);

    HarvestJob running = a.createQueued(harvester(), "manual", null, false);
    a.claim(running.id(), 4, 4, Duration.ofSeconds(30), Duration.ofHours(1));
    HarvestJob flagged = a.requestCancel(running.id());
    assertThat(flagged.state()).isEqualTo(JobState.RUNNING);
    assertThat(flagged.cancelRequested()).isTrue();

    HarvestJob resumed = a.resume(queued.id());
    assertThat(resumed.state()).isEqualTo(JobState.QUEUED);
    assertThat(resumed.cancelRequested()).isFalse();
  }

  @Test
  void retentionDeletesOldFinishedJobsWithTheirEventsAndFailuresButNothingActive() {
    JobTransitions a = node("a");
    HarvestJob old = a.createQueued(harvester(), "manual", null, false);
    a.claim(old.id(), 4, 4, Duration.ofSeconds(30), Duration.ofHours(1));
    JobItems items = new JobItems(jdbc, new JdbcTemplate(jdbc_ds()), tx, Clock.systemUTC());
    long token = jobs.get(old.id()).fencingToken();
    items.register(
        old.id(), token, List.of("r1"), List.of(new JobItems.Failed("r2", "#2", "broken")));
    a.finish(old.id(), token, JobState.SUCCEEDED, null, null, "done");
    jdbc.sql("UPDATE harvest_job SET finished_at = ? WHERE id = ?")
        .params(java.sql.Timestamp.from(Instant.now().minus(Duration.ofDays(40))), old.id())
        .update();
    HarvestJob recent = a.createQueued(harvester(), "manual", null, false);

    HarvestProperties properties = TestAccess.properties();
    assertThat(new RetentionPruner(jdbc, properties, Clock.systemUTC()).prune()).isEqualTo(1);

    assertThat(jobs.find(old.id())).isEmpty();
    assertThat(jobs.events(old.id())).isEmpty();
    assertThat(jobs.failures(old.id(), 10)).isEmpty();
    assertThat(jobs.unfinishedItemCounts(old.id())).isEmpty();
    assertThat(jobs.get(recent.id()).state()).isEqualTo(JobState.QUEUED);
  }

  private javax.sql.DataSource jdbc_ds() {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:file:" + dir.resolve("db") + ";LOCK_TIMEOUT=10000");
    return ds;
  }
}
