package org.spatialcatalog.node.harvest;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spatialcatalog.messaging.CatalogQueue;
import org.spatialcatalog.node.cluster.QueueListener;
import org.spatialcatalog.node.harvest.job.HarvestJob;
import org.spatialcatalog.node.harvest.job.JobRepository;
import org.springframework.stereotype.Component;

/**
 * Consumes the HARVEST queue (one consumer, prefetch 1, transacted). A message names a job; the
 * listener claims the job in the database and returns as soon as the claim committed, so the
 * message is acknowledged at once and the harvest runs on a worker thread.
 *
 * <p>When neither this node nor the cluster has a free slot for a few seconds, the message is put
 * back at the end of the queue (a new message, so waiting never counts as a failed delivery) and
 * acknowledged, so a node with a free slot can take it. A message without a job id or for an
 * unknown job is poison: the listener throws, the broker redelivers it a bounded number of times
 * and then moves it to {@code DLQ.<cluster>.HARVEST}; each delivery is logged and counted.
 */
@Component
class HarvestQueueListener implements QueueListener {

  private static final Logger log = LoggerFactory.getLogger(HarvestQueueListener.class);
  private static final Duration SLOT_WAIT = Duration.ofSeconds(3);
  private static final long POLL_MILLIS = 250;

  private final HarvestEngine engine;
  private final JobRepository jobs;
  private final JobDispatcher dispatcher;
  private final HarvestMetrics metrics;

  HarvestQueueListener(
      HarvestEngine engine, JobRepository jobs, JobDispatcher dispatcher, HarvestMetrics metrics) {
    this.engine = engine;
    this.jobs = jobs;
    this.dispatcher = dispatcher;
    this.metrics = metrics;
  }

  @Override
  public CatalogQueue queue() {
    return CatalogQueue.HARVEST;
  }

  @Override
  public void onMessage(Message message) throws Exception {
    String jobId =
        message.propertyExists(JobDispatcher.JOB_ID)
            ? message.getStringProperty(JobDispatcher.JOB_ID)
            : null;
    if (jobId == null || jobId.isBlank()) {
      throw poison(message, "HARVEST message without a jobId property");
    }
    HarvestJob job = jobs.find(jobId).orElse(null);
    if (job == null) {
      throw poison(message, "HARVEST message for unknown job " + jobId);
    }
    long deadline = System.nanoTime() + SLOT_WAIT.toNanos();
    while (true) {
      HarvestEngine.Start start = engine.tryStart(jobId);
      if (start == HarvestEngine.Start.STARTED || start == HarvestEngine.Start.NOT_QUEUED) {
        return;
      }
      if (start == HarvestEngine.Start.STOPPING || System.nanoTime() > deadline) {
        // Send a fresh message rather than roll back: a rollback would count as a failed
        // delivery and a job that waits long enough would end in the dead-letter queue.
        if (!dispatcher.send(jobId, job.priority())) {
          throw new IllegalStateException("job " + jobId + " could not be put back in the queue");
        }
        return;
      }
      Thread.sleep(POLL_MILLIS);
    }
  }

  private IllegalArgumentException poison(Message message, String problem) throws JMSException {
    metrics.poisonMessage();
    int delivery =
        message.propertyExists("JMSXDeliveryCount")
            ? message.getIntProperty("JMSXDeliveryCount")
            : 1;
    log.error(
        "poison message {}: {} (delivery {}); after the last redelivery it moves to the"
            + " dead-letter queue",
        message.getJMSMessageID(),
        problem,
        delivery);
    return new IllegalArgumentException(problem);
  }
}
