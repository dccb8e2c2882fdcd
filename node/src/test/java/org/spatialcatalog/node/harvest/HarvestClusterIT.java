package org.spatialcatalog.node.harvest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.jms.Connection;
import jakarta.jms.MessageProducer;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.activemq.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spatialcatalog.node.client.CatalogClient;
import org.spatialcatalog.node.cluster.TestCluster;
import tools.jackson.databind.JsonNode;

/**
 * Three nodes, a real broker, a real H2 server and local stub sources: every harvester type,
 * skipping and removal, one job per trigger storm, the cluster-wide limit under a schedule storm,
 * cancel and timeout of a slow source, source errors with retry and resume, network resets, poison
 * messages, and refusal of bad requests.
 */
class HarvestClusterIT {

  static final String[] SETTINGS = {
    "--catalog.harvest.lease-duration=6s",
    "--catalog.harvest.heartbeat-interval=500ms",
    "--catalog.harvest.sweep-interval=1s",
    "--catalog.harvest.redispatch-after=8s",
    "--catalog.harvest.scheduler-tick=1s",
    "--catalog.harvest.schedule-jitter=4s",
    "--catalog.harvest.page-size=20",
    "--catalog.harvest.batch-size=10",
    "--catalog.harvest.retries=3",
    "--catalog.harvest.retry-backoff=200ms",
    "--catalog.harvest.max-retry-backoff=1s",
    "--catalog.harvest.http-timeout=20s",
    "--catalog.harvest.max-concurrent-cluster=4",
    "--catalog.harvest.max-concurrent-per-node=2"
  };

  @TempDir static Path dir;
  static TestCluster cluster;
  static Harvests api;
  static GreenMail smtp;

  @BeforeAll
  static void start() throws Exception {
    int smtpPort;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      smtpPort = s.getLocalPort();
    }
    smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    List<String> args = new ArrayList<>(List.of(SETTINGS));
    args.add("--spring.mail.host=127.0.0.1");
    args.add("--spring.mail.port=" + smtpPort);
    args.add("--catalog.harvest.mail-to=harvest-ops@example.org");
    args.add("--catalog.harvest.folder-roots=" + dir.resolve("harvest-folders"));
    cluster = TestCluster.onH2(dir, 3, args.toArray(String[]::new));
    api = new Harvests(cluster);
  }

  @AfterAll
  static void stop() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
    if (smtp != null) {
      smtp.stop();
    }
  }

  static String marker(String prefix) {
    return prefix + Long.toString(System.nanoTime(), 36);
  }

  /**
   * Harvests a 45-record (three-page) source completely, runs again and skips everything, then
   * removes one record at the source and sees it vanish everywhere after the next run.
   */
  private void harvestSkipAndRemove(String marker, String harvesterId, Runnable removeOne)
      throws Exception {
    JsonNode first = api.awaitState(api.run(2, harvesterId), "SUCCEEDED", Duration.ofSeconds(90));
    assertThat(first.path("counts").path("processed").asLong()).isEqualTo(45);
    assertThat(first.path("counts").path("failed").asLong()).isZero();
    assertThat(api.storedRecords(marker)).isEqualTo(45);
    api.awaitSearchable(marker, 45);

    JsonNode second = api.awaitState(api.run(3, harvesterId), "SUCCEEDED", Duration.ofSeconds(90));
    assertThat(second.path("counts").path("skipped").asLong()).isEqualTo(45);
    assertThat(second.path("counts").path("processed").asLong()).isZero();

    removeOne.run();
    JsonNode third = api.awaitState(api.run(1, harvesterId), "SUCCEEDED", Duration.ofSeconds(90));
    assertThat(third.path("counts").path("removed").asLong()).isEqualTo(1);
    assertThat(third.path("counts").path("skipped").asLong()).isEqualTo(44);
    assertThat(api.storedRecords(marker)).isEqualTo(44);
    api.awaitSearchable(marker, 44);
  }

  @Test
  void cswHarvesterHarvestsEveryPageSkipsUnchangedAndRemovesVanished() throws Exception {
    String m = marker("csw");
    try (StubSource source = new StubSource().withRecords(m, 45)) {
      String h = api.create(m, "csw", source.url("/csw"), Map.of());
      harvestSkipAndRemove(m, h, () -> source.records.remove(7));
      assertThat(source.requests)
          .anySatisfy(r -> assertThat(r.query()).containsEntry("startPosition", "41"));
    }
  }

  @Test
  void oaiPmhHarvesterFollowsResumptionTokens() throws Exception {
    String m = marker("oai");
    try (StubSource source = new StubSource().withRecords(m, 45)) {
      String h =
          api.create(
              m,
              "oaipmh",
              source.url("/oai"),
              Map.of("options", Map.of("metadataPrefix", "iso19139")));
      harvestSkipAndRemove(m, h, () -> source.records.remove(0));
    }
  }

  @Test
  void wmsHarvesterMakesOneRecordPerLayerWithAStableUuid() throws Exception {
    String m = marker("wms");
    try (StubSource source = new StubSource().withRecords(m, 45)) {
      String h = api.create(m, "wms", source.url("/wms"), Map.of());
      harvestSkipAndRemove(m, h, () -> source.records.remove(44));
      JsonNode hit = cluster.client(1).json("/api/search?q=" + m).path("hits").get(0);
      assertThat(hit.path("uuid").asString()).matches("[0-9a-f-]{36}");
      assertThat(hit.path("bbox").get(0).asDouble()).isEqualTo(1.0);
    }
  }

  @Test
  void catalogHarvesterReadsAnotherCatalogsApi() throws Exception {
    String m = marker("cat");
    try (StubSource source = new StubSource().withRecords(m, 45)) {
      String h = api.create(m, "catalog", source.url("/catalog"), Map.of());
      harvestSkipAndRemove(m, h, () -> source.records.remove(20));
    }
  }

  @Test
  void folderHarvesterReadsXmlFilesOfAFolderRoot() throws Exception {
    String m = marker("fld");
    Path folder = Files.createDirectories(dir.resolve("harvest-folders").resolve(m));
    try (StubSource source = new StubSource().withRecords(m, 45)) {
      for (StubSource.Rec r : source.records) {
        Files.writeString(folder.resolve(r.uuid() + ".xml"), source.iso(r));
      }
    }
    String h = api.create(m, "folder", folder.toAbsolutePath().toString(), Map.of());
    harvestSkipAndRemove(
        m,
        h,
        () -> {
          try {
            Files.delete(folder.resolve(m + "-3.xml"));
          } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        });
  }

  @Test
  void aSourceThatSuddenlyAnswersTruncatedCannotWipeTheCatalogWithoutConfirmation()
      throws Exception {
    String m = marker("cut");
    try (StubSource source = new StubSource().withRecords(m, 40)) {
      String h = api.create(m, "csw", source.url("/csw"), Map.of());
      api.awaitState(api.run(1, h), "SUCCEEDED", Duration.ofSeconds(60));
      assertThat(api.storedRecords(m)).isEqualTo(40);

      // The source now returns a quarter of its records: 75% would go, above the 30% limit.
      source.records.subList(10, 40).clear();
      JsonNode held = api.awaitState(api.run(2, h), "SUCCEEDED", Duration.ofSeconds(60));
      assertThat(held.path("counts").path("removed").asLong()).isZero();
      assertThat(held.path("note").asString())
          .contains("30 of the harvester's 40")
          .contains("confirmRemoval");
      assertThat(api.storedRecords(m)).isEqualTo(40);

      // A failed run removes nothing either.
      source.failNext.set(1000);
      api.awaitState(api.run(3, h), "FAILED", Duration.ofSeconds(60));
      source.failNext.set(0);
      assertThat(api.storedRecords(m)).isEqualTo(40);

      // An operator who checked the source confirms.
      CatalogClient.Response confirmed =
          cluster.client(1).post("/api/harvesters/" + h + "/run?confirmRemoval=true", "");
      assertThat(confirmed.status()).isEqualTo(202);
      JsonNode removed =
          api.awaitState(
              confirmed.json().path("jobId").asString(), "SUCCEEDED", Duration.ofSeconds(60));
      assertThat(removed.path("counts").path("removed").asLong()).isEqualTo(30);
      assertThat(api.storedRecords(m)).isEqualTo(10);
      api.awaitSearchable(m, 10);
    }
  }

  @Test
  void aHarvesterIsDeletedOnlyWhenIdleAndTakesItsRecordsOnlyWhenAsked() throws Exception {
    String m = marker("del");
    try (StubSource source = new StubSource().withRecords(m, 12)) {
      String h = api.create(m, "oaipmh", source.url("/oai"), Map.of());
      source.delayMillis = 1500;
      String job = api.run(1, h);
      api.awaitState(job, "RUNNING", Duration.ofSeconds(30));
      CatalogClient.Response busy = cluster.client(2).delete("/api/harvesters/" + h);
      assertThat(busy.status()).isEqualTo(409);
      assertThat(busy.json().path("jobId").asString()).isEqualTo(job);
      source.delayMillis = 0;
      api.awaitState(job, "SUCCEEDED", Duration.ofSeconds(60));

      assertThat(cluster.client(2).delete("/api/harvesters/" + h + "?removeRecords=true").status())
          .isEqualTo(204);
      assertThat(cluster.client(1).get("/api/harvesters/" + h).status()).isEqualTo(404);
      assertThat(api.storedRecords(m)).isZero();
      api.awaitSearchable(m, 0);
    }
  }

  @Test
  void recordFailuresAreKeptWithTheirReasonAndTheJobGoesOn() throws Exception {
    String m = marker("brk");
    try (StubSource source = new StubSource().withRecords(m, 30)) {
      source.broken.add(m + "-4");
      source.broken.add(m + "-25");
      String h =
          api.create(
              m,
              "oaipmh",
              source.url("/oai"),
              Map.of("options", Map.of("webhookUrl", source.url("/hook"))));
      String job = api.run(1, h);
      JsonNode done = api.awaitState(job, "SUCCEEDED", Duration.ofSeconds(60));
      assertThat(done.path("counts").path("processed").asLong()).isEqualTo(28);
      assertThat(done.path("counts").path("failed").asLong()).isEqualTo(2);
      JsonNode failures = cluster.client(2).json("/api/harvest-jobs/" + job + "/failures");
      assertThat(failures).hasSize(2);
      assertThat(failures.get(0).path("remoteId").asString()).isEqualTo("oai:stub:" + m + "-4");
      assertThat(failures.get(0).path("reason").asString()).contains("title");
      assertThat(failures.get(0).path("position").asString()).contains("#5");
      await()
          .atMost(Duration.ofSeconds(20))
          .untilAsserted(
              () ->
                  assertThat(source.hooks)
                      .anySatisfy(body -> assertThat(body).contains(job).contains("\"failed\":2")));
      await()
          .atMost(Duration.ofSeconds(20))
          .untilAsserted(
              () ->
                  assertThat(smtp.getReceivedMessages())
                      .anySatisfy(
                          mail -> {
                            assertThat(mail.getSubject()).contains(m).contains("2 records failed");
                            assertThat(mail.getAllRecipients()[0].toString())
                                .isEqualTo("harvest-ops@example.org");
                            assertThat(com.icegreen.greenmail.util.GreenMailUtil.getBody(mail))
                                .contains(job);
                          }));
    }
  }

  @Test
  void runTriggeredOnEveryNodeAtTheSameMomentMakesOneJob() throws Exception {
    String m = marker("trg");
    try (StubSource source = new StubSource().withRecords(m, 10)) {
      source.delayMillis = 300;
      String h = api.create(m, "oaipmh", source.url("/oai"), Map.of());
      CountDownLatch go = new CountDownLatch(1);
      ExecutorService pool = Executors.newFixedThreadPool(3);
      List<Future<CatalogClient.Response>> answers = new ArrayList<>();
      for (int n = 1; n <= 3; n++) {
        CatalogClient client = cluster.client(n);
        answers.add(
            pool.submit(
                () -> {
                  go.await();
                  return client.post("/api/harvesters/" + h + "/run", "");
                }));
      }
      go.countDown();
      List<CatalogClient.Response> responses = new ArrayList<>();
      for (Future<CatalogClient.Response> f : answers) {
        responses.add(f.get());
      }
      pool.shutdown();
      List<CatalogClient.Response> accepted =
          responses.stream().filter(r -> r.status() == 202).toList();
      assertThat(accepted).hasSize(1);
      String jobId = accepted.get(0).json().path("jobId").asString();
      assertThat(responses.stream().filter(r -> r.status() == 409))
          .hasSize(2)
          .allSatisfy(
              r -> {
                assertThat(r.headers().firstValue("Content-Type").orElse(""))
                    .startsWith("application/problem+json");
                assertThat(r.json().path("jobId").asString()).isEqualTo(jobId);
              });
      api.awaitState(jobId, "SUCCEEDED", Duration.ofSeconds(60));
      assertThat(cluster.client(1).json("/api/harvest-jobs?harvesterId=" + h)).hasSize(1);
      assertThat(api.storedRecords(m)).isEqualTo(10);
    }
  }

  @Test
  void fortyHarvestersDueInTheSameMinuteRunOnceEachNeverMoreThanFourAtATime() throws Exception {
    String m = marker("storm");
    try (StubSource source = new StubSource().withRecords(m, 5)) {
      source.delayMillis = 1200;
      ZonedDateTime fire = ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(40).withNano(0);
      String cron = fire.getSecond() + " " + fire.getMinute() + " " + fire.getHour() + " * * *";
      List<String> harvesters = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        // A distinct URL per harvester: WMS record uuids derive from it, so no two collide.
        harvesters.add(
            api.create(m + "-" + i, "wms", source.url("/wms?h=" + i), Map.of("schedule", cron)));
      }
      assertThat(Instant.now()).isBefore(fire.toInstant());
      AtomicLong maxRunning = new AtomicLong();
      List<Long> samples = Collections.synchronizedList(new ArrayList<>());
      await()
          .atMost(Duration.ofSeconds(240))
          .pollInterval(Duration.ofMillis(100))
          .untilAsserted(
              () -> {
                long running = api.runningJobs();
                samples.add(running);
                maxRunning.accumulateAndGet(running, Math::max);
                assertThat(
                        api.sql(
                            "SELECT COUNT(*) FROM harvest_job j JOIN harvester h"
                                + " ON h.id = j.harvester_id WHERE h.name LIKE ? AND j.state = 'SUCCEEDED'",
                            m + "-%"))
                    .isEqualTo(40);
              });
      assertThat(maxRunning.get())
          .as("running jobs sampled: " + samples)
          .isLessThanOrEqualTo(4)
          .isGreaterThan(1);
      for (String h : harvesters) {
        JsonNode jobs = cluster.client(1).json("/api/harvest-jobs?harvesterId=" + h);
        assertThat(jobs).hasSize(1);
        assertThat(jobs.get(0).path("trigger").asString()).isEqualTo("schedule");
        assertThat(jobs.get(0).path("scheduledFor").asString())
            .isEqualTo(fire.toInstant().toString());
      }
      assertThat(
              api.sql(
                  "SELECT COUNT(*) FROM harvest_schedule_run r JOIN harvester h"
                      + " ON h.id = r.harvester_id WHERE h.name LIKE ?",
                  m + "-%"))
          .isEqualTo(40);
      // The jitter spread the starts: not every job started in the same second.
      assertThat(
              api.sql(
                  "SELECT COUNT(DISTINCT CAST(EXTRACT(SECOND FROM j.created_at) AS INT))"
                      + " FROM harvest_job j JOIN harvester h ON h.id = j.harvester_id WHERE h.name LIKE ?",
                  m + "-%"))
          .isGreaterThan(1);
    }
  }

  @Test
  void cancelStopsARunningJobWithinSecondsAndNothingIsAskedOfTheSourceAfterwards()
      throws Exception {
    String m = marker("cnl");
    try (StubSource source = new StubSource().withRecords(m, 200)) {
      source.delayMillis = 3000;
      String h = api.create(m, "csw", source.url("/csw"), Map.of());
      String job = api.run(1, h);
      api.awaitState(job, "RUNNING", Duration.ofSeconds(30));
      await().atMost(Duration.ofSeconds(20)).until(() -> source.requests.size() >= 2);
      Instant cancelled = Instant.now();
      CatalogClient.Response r = cluster.client(3).post("/api/harvest-jobs/" + job + "/cancel", "");
      assertThat(r.status()).isEqualTo(202);
      JsonNode end = api.awaitState(job, "CANCELLED", Duration.ofSeconds(5));
      assertThat(Duration.between(cancelled, Instant.now())).isLessThan(Duration.ofSeconds(5));
      Instant stopped = Instant.now();
      long ingested = end.path("counts").path("processed").asLong();
      Thread.sleep(4000); // no Awaitility: the point is that nothing happens in this window
      assertThat(source.requestsAfter(stopped)).isZero();
      assertThat(api.job(job).path("state").asString()).isEqualTo("CANCELLED");
      // What was ingested before the cancel stays.
      assertThat(api.storedRecords(m)).isEqualTo(ingested);
    }
  }

  @Test
  void aJobPastItsTimeoutIsStoppedWithinSecondsAndNotRetried() throws Exception {
    String m = marker("tmo");
    try (StubSource source = new StubSource().withRecords(m, 200)) {
      source.delayMillis = 2500;
      String h = api.create(m, "oaipmh", source.url("/oai"), Map.of("timeoutSeconds", 4));
      String job = api.run(2, h);
      JsonNode running = api.awaitState(job, "RUNNING", Duration.ofSeconds(30));
      Instant deadline = Instant.parse(running.path("deadlineAt").asString());
      JsonNode end = api.awaitState(job, "TIMED_OUT", Duration.ofSeconds(30));
      Instant finished = Instant.parse(end.path("finishedAt").asString());
      assertThat(Duration.between(deadline, finished)).isLessThan(Duration.ofSeconds(5));
      assertThat(end.path("error").asString()).contains("timeout");
      Thread.sleep(5000); // nothing may happen in this window: no retry, no request
      assertThat(source.requestsAfter(finished)).isZero();
      JsonNode later = api.job(job);
      assertThat(later.path("state").asString()).isEqualTo("TIMED_OUT");
      assertThat(later.path("attempt").asInt()).isEqualTo(1);
    }
  }

  @Test
  void sourceErrorsAreRetriedThenFailTheJobWhichResumesFromWhereItStopped() throws Exception {
    String m = marker("err");
    try (StubSource source = new StubSource().withRecords(m, 100)) {
      String h = api.create(m, "csw", source.url("/csw"), Map.of());
      // A short burst of 503s is absorbed by the retries.
      source.failNext.set(2);
      api.awaitState(api.run(1, h), "SUCCEEDED", Duration.ofSeconds(60));
      assertThat(api.storedRecords(m)).isEqualTo(100);

      // Now the source fails for good on page 3: the job fails with a clear error.
      source.records.replaceAll(r -> new StubSource.Rec(r.uuid(), r.title(), 2));
      source.requests.clear();
      String job = api.run(2, h);
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () ->
                  source.requests.stream()
                      .anyMatch(r -> "41".equals(r.query().get("startPosition"))));
      source.failNext.set(1000);
      JsonNode failed = api.awaitState(job, "FAILED", Duration.ofSeconds(60));
      assertThat(failed.path("error").asString()).contains("503").contains("attempts");
      String cursor = failed.path("cursor").asString();
      assertThat(Integer.parseInt(cursor)).isGreaterThan(1);
      long processedBefore = failed.path("counts").path("processed").asLong();

      source.failNext.set(0);
      source.requests.clear();
      CatalogClient.Response resumed =
          cluster.client(3).post("/api/harvest-jobs/" + job + "/resume", "");
      assertThat(resumed.status()).isEqualTo(202);
      JsonNode done = api.awaitState(job, "SUCCEEDED", Duration.ofSeconds(60));
      assertThat(source.requests)
          .noneSatisfy(r -> assertThat(r.query().get("startPosition")).isEqualTo("1"));
      assertThat(source.requests.get(0).query().get("startPosition")).isEqualTo(cursor);
      assertThat(done.path("counts").path("processed").asLong()).isEqualTo(100);
      assertThat(processedBefore).isLessThan(100);
      assertThat(api.storedRecords(m)).isEqualTo(100);
      assertThat(cluster.client(1).json("/api/harvest-jobs/" + job + "/events"))
          .extracting(e -> e.path("to").asString())
          .containsSubsequence("RUNNING", "FAILED", "QUEUED", "RUNNING", "SUCCEEDED");
    }
  }

  @Test
  void connectionResetsThroughAFaultyNetworkAreRetried() throws Exception {
    String m = marker("rst");
    try (StubSource source = new StubSource().withRecords(m, 60);
        FaultyProxy proxy = new FaultyProxy(source.port())) {
      String h = api.create(m, "oaipmh", "http://127.0.0.1:" + proxy.port() + "/oai", Map.of());
      proxy.resetNext.set(2);
      proxy.delayMillis = 50;
      JsonNode done = api.awaitState(api.run(1, h), "SUCCEEDED", Duration.ofSeconds(60));
      assertThat(done.path("counts").path("processed").asLong()).isEqualTo(60);
      assertThat(proxy.resetNext.get()).isZero();
      assertThat(api.storedRecords(m)).isEqualTo(60);
    }
  }

  @Test
  void poisonMessagesEndInTheDeadLetterQueueAndDoNotBlockTheQueue() throws Exception {
    ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(cluster.brokerTcpUrl());
    try (Connection c = factory.createConnection()) {
      c.start();
      Session session = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
      MessageProducer producer = session.createProducer(session.createQueue("catalog.HARVEST"));
      TextMessage noJob = session.createTextMessage("garbage");
      noJob.setStringProperty("poison", "no-job-id");
      producer.send(noJob);
      TextMessage unknown = session.createTextMessage("");
      unknown.setStringProperty("jobId", "no-such-job");
      unknown.setStringProperty("poison", "unknown-job");
      producer.send(unknown);

      String m = marker("psn");
      try (StubSource source = new StubSource().withRecords(m, 5)) {
        String h = api.create(m, "oaipmh", source.url("/oai"), Map.of());
        api.awaitState(api.run(1, h), "SUCCEEDED", Duration.ofSeconds(60));
      }

      await()
          .atMost(Duration.ofSeconds(90))
          .untilAsserted(
              () -> {
                List<String> dead = new ArrayList<>();
                try (QueueBrowser browser =
                    session.createBrowser(session.createQueue("DLQ.catalog.HARVEST"))) {
                  var e = browser.getEnumeration();
                  while (e.hasMoreElements()) {
                    dead.add(((jakarta.jms.Message) e.nextElement()).getStringProperty("poison"));
                  }
                }
                assertThat(dead).contains("no-job-id", "unknown-job");
              });
    }
    boolean reported = false;
    for (int n = 1; n <= 3; n++) {
      reported |= Files.readString(cluster.node(n).logFile()).contains("poison message");
    }
    assertThat(reported).isTrue();
  }

  @Test
  void metricsShowJobsByStateAndRecords() throws Exception {
    String m = marker("met");
    try (StubSource source = new StubSource().withRecords(m, 5)) {
      String h = api.create(m, "oaipmh", source.url("/oai"), Map.of());
      api.awaitState(api.run(1, h), "SUCCEEDED", Duration.ofSeconds(60));
    }
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              String text = cluster.client(1).get("/actuator/prometheus").body();
              assertThat(text)
                  .contains("catalog_harvest_jobs{state=\"SUCCEEDED\"}")
                  .contains("catalog_harvest_queue_depth")
                  .contains("catalog_harvest_lease_recoveries_total");
              String all =
                  text
                      + cluster.client(2).get("/actuator/prometheus").body()
                      + cluster.client(3).get("/actuator/prometheus").body();
              assertThat(all)
                  .containsPattern(
                      "catalog_harvest_records_total\\{outcome=\"processed\"\\}" + " [1-9]");
            });
  }

  @Test
  void badRequestsAreRefusedWithAProblemNamingTheField() throws Exception {
    CatalogClient node = cluster.client(2);
    CatalogClient.Response noType =
        node.postJson("/api/harvesters", "{\"name\":\"x\",\"url\":\"http://example.org/csw\"}");
    assertThat(noType.status()).isEqualTo(400);
    assertThat(noType.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/problem+json");
    assertThat(noType.json().path("detail").asString()).startsWith("type:");

    CatalogClient.Response badCron =
        node.postJson(
            "/api/harvesters",
            "{\"name\":\"x\",\"type\":\"csw\",\"url\":\"http://example.org/csw\","
                + "\"schedule\":\"every tuesday\"}");
    assertThat(badCron.status()).isEqualTo(400);
    assertThat(badCron.json().path("field").asString()).isEqualTo("schedule");

    CatalogClient.Response badUrl =
        node.postJson(
            "/api/harvesters",
            "{\"name\":\"x\",\"type\":\"oaipmh\",\"url\":\"ftp://example.org\"}");
    assertThat(badUrl.status()).isEqualTo(400);
    assertThat(badUrl.json().path("field").asString()).isEqualTo("url");

    CatalogClient.Response outside =
        node.postJson("/api/harvesters", "{\"name\":\"x\",\"type\":\"folder\",\"url\":\"/etc\"}");
    assertThat(outside.status()).isEqualTo(400);
    assertThat(outside.json().path("detail").asString()).contains("outside");

    CatalogClient.Response badPriority =
        node.postJson(
            "/api/harvesters",
            "{\"name\":\"x\",\"type\":\"csw\",\"url\":\"http://example.org/csw\",\"priority\":12}");
    assertThat(badPriority.status()).isEqualTo(400);
    assertThat(badPriority.json().path("field").asString()).isEqualTo("priority");

    CatalogClient.Response unknownOption =
        node.postJson(
            "/api/harvesters",
            "{\"name\":\"x\",\"type\":\"wms\",\"url\":\"http://example.org/wms\","
                + "\"options\":{\"metadataPrefix\":\"oai_dc\"}}");
    assertThat(unknownOption.status()).isEqualTo(400);
    assertThat(unknownOption.json().path("field").asString()).isEqualTo("options.metadataPrefix");

    CatalogClient.Response malformed = node.postJson("/api/harvesters", "{\"name\":");
    assertThat(malformed.status()).isEqualTo(400);

    assertThat(node.get("/api/harvesters/nope").status()).isEqualTo(404);
    assertThat(node.get("/api/harvest-jobs/nope").status()).isEqualTo(404);
    assertThat(node.post("/api/harvest-jobs/nope/cancel", "").status()).isEqualTo(404);
    CatalogClient.Response badState = node.get("/api/harvest-jobs?state=DANCING");
    assertThat(badState.status()).isEqualTo(400);
    assertThat(badState.json().path("detail").asString()).contains("DANCING");
    assertThat(
            new CatalogClient(cluster.node(1).baseUrl(), "wrong").get("/api/harvesters").status())
        .isEqualTo(401);

    String m = marker("dup");
    api.create(m, "csw", "http://example.org/csw", Map.of());
    CatalogClient.Response duplicate =
        node.postJson(
            "/api/harvesters",
            "{\"name\":\"" + m + "\",\"type\":\"csw\",\"url\":\"http://example.org/csw\"}");
    assertThat(duplicate.status()).isEqualTo(409);
  }
}
