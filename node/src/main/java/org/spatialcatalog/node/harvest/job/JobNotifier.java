package org.spatialcatalog.node.harvest.job;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spatialcatalog.node.harvest.definition.HarvestProperties;
import org.spatialcatalog.node.harvest.definition.Harvester;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tells an operator about a job that failed, timed out, ended with record failures or with removals
 * held back (any outcome but COMPLETE): a JSON POST to the harvester's {@code webhookUrl} option,
 * and an e-mail to {@code catalog.harvest.mail-to} through the SMTP server of {@code
 * spring.mail.host}. Sent on its own named thread, the webhook with up to three attempts; a
 * notification that cannot be delivered is logged, never blocks a harvest.
 */
@Component
public class JobNotifier implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(JobNotifier.class);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final ThreadPoolExecutor executor =
      new ThreadPoolExecutor(
          1,
          1,
          0,
          TimeUnit.SECONDS,
          new ArrayBlockingQueue<>(1000),
          r -> {
            Thread t = new Thread(r, "harvest-notifier");
            t.setDaemon(true);
            return t;
          },
          (r, pool) -> log.warn("notification queue full; a job notification was dropped"));

  private final ObjectProvider<JavaMailSender> mail;
  private final HarvestProperties properties;

  JobNotifier(ObjectProvider<JavaMailSender> mail, HarvestProperties properties) {
    this.mail = mail;
    this.properties = properties;
  }

  public void jobEnded(HarvestJob job, Harvester harvester) {
    boolean worthTelling =
        job.state() == JobState.FAILED
            || job.state() == JobState.TIMED_OUT
            || job.failed() > 0
            || (job.outcome() != null && !JobOutcome.COMPLETE.name().equals(job.outcome()));
    if (!worthTelling) {
      return;
    }
    JavaMailSender sender = mail.getIfAvailable();
    if (sender != null && !properties.mailTo().isEmpty()) {
      executor.execute(() -> email(sender, job, harvester));
    }
    String url = harvester == null ? null : harvester.options().common().webhookUrl();
    if (url == null) {
      return;
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("event", "harvest-job-ended");
    body.put("jobId", job.id());
    body.put("harvesterId", job.harvesterId());
    body.put("harvesterName", harvester.name());
    body.put("state", job.state().name());
    body.put("error", job.error());
    body.put("outcome", job.outcome());
    body.put("note", job.note());
    body.put("processed", job.processed());
    body.put("failed", job.failed());
    body.put("skipped", job.skipped());
    body.put("removed", job.removed());
    body.put("finishedAt", String.valueOf(job.finishedAt()));
    String json = JSON.writeValueAsString(body);
    executor.execute(() -> post(url, json, job.id()));
  }

  private void email(JavaMailSender sender, HarvestJob job, Harvester harvester) {
    String name = harvester == null ? job.harvesterId() : harvester.name();
    SimpleMailMessage message = new SimpleMailMessage();
    message.setFrom(properties.mailFrom());
    message.setTo(properties.mailTo().toArray(String[]::new));
    message.setSubject(
        "[catalog] harvest "
            + name
            + ": "
            + job.state()
            + (job.failed() > 0 ? ", " + job.failed() + " records failed" : "")
            + (job.note() != null ? ", removals held back" : ""));
    message.setText(
        "Harvester: "
            + name
            + " ("
            + job.harvesterId()
            + ")\n"
            + "Job: "
            + job.id()
            + "\n"
            + "State: "
            + job.state()
            + "\n"
            + "Error: "
            + (job.error() == null ? "-" : job.error())
            + "\n"
            + "Outcome: "
            + (job.outcome() == null ? "-" : job.outcome())
            + "\n"
            + "Note: "
            + (job.note() == null ? "-" : job.note())
            + "\n"
            + "Processed: "
            + job.processed()
            + ", skipped: "
            + job.skipped()
            + ", failed: "
            + job.failed()
            + ", removed: "
            + job.removed()
            + "\n"
            + "Finished: "
            + job.finishedAt()
            + "\n\n"
            + "Failures: GET /api/harvest-jobs/"
            + job.id()
            + "/failures\n"
            + "Audit trail: GET /api/harvest-jobs/"
            + job.id()
            + "/events\n");
    try {
      sender.send(message);
    } catch (RuntimeException e) {
      log.warn("e-mail about job {} not sent: {}", job.id(), e.toString());
    }
  }

  private void post(String url, String json, String jobId) {
    for (int attempt = 1; attempt <= 3; attempt++) {
      try {
        HttpResponse<Void> r =
            http.send(
                HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json))
                    .build(),
                HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() < 300) {
          return;
        }
        log.warn("webhook {} for job {} answered {}", url, jobId, r.statusCode());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (Exception e) {
        log.warn("webhook {} for job {} failed: {}", url, jobId, e.toString());
      }
      try {
        Thread.sleep(1000L * attempt);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
