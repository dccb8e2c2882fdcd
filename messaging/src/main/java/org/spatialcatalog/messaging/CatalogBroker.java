package org.spatialcatalog.messaging;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.activemq.broker.BrokerService;
import org.apache.activemq.broker.TransportConnector;
import org.apache.activemq.broker.region.policy.IndividualDeadLetterStrategy;
import org.apache.activemq.broker.region.policy.PolicyEntry;
import org.apache.activemq.broker.region.policy.PolicyMap;
import org.apache.activemq.store.kahadb.KahaDBPersistenceAdapter;

/**
 * An embedded ActiveMQ Classic broker with a KahaDB store, for the local demo, tests and small
 * installations ({@code ./catalog broker}).
 *
 * <p>Offline durable subscribers expire after {@code offlineSubscriberTimeout}: a node that never
 * returns does not fill the store forever; a node that returns later catches up from the database
 * change log. Messages that keep failing go to a dead-letter queue per destination ({@code
 * DLQ.<destination>}) instead of blocking it.
 */
public final class CatalogBroker implements AutoCloseable {

  private final BrokerService broker;

  private CatalogBroker(BrokerService broker) {
    this.broker = broker;
  }

  /**
   * Starts a broker.
   *
   * @param dataDir where KahaDB keeps its files
   * @param bindUrl transport to listen on, e.g. {@code tcp://127.0.0.1:61616}
   * @param offlineSubscriberTimeout how long an offline durable subscription is kept
   */
  public static CatalogBroker start(Path dataDir, String bindUrl, Duration offlineSubscriberTimeout)
      throws Exception {
    BrokerService broker = new BrokerService();
    broker.setBrokerName("catalog-broker");
    broker.setDataDirectoryFile(dataDir.toFile());
    broker.setPersistent(true);
    broker.setUseJmx(false);
    broker.setUseShutdownHook(false);
    broker.setAdvisorySupport(true);
    broker.setSchedulerSupport(false);
    broker.setOfflineDurableSubscriberTimeout(offlineSubscriberTimeout.toMillis());
    broker.setOfflineDurableSubscriberTaskSchedule(
        Math.max(1000, Math.min(offlineSubscriberTimeout.toMillis(), 3_600_000L)));
    KahaDBPersistenceAdapter kahaDb = new KahaDBPersistenceAdapter();
    kahaDb.setDirectory(dataDir.resolve("kahadb").toFile());
    // Messages are notifications backed by the database: syncing the journal once a second
    // instead of on every message costs at most a second of notifications in a broker crash.
    kahaDb.setJournalDiskSyncStrategy("periodic");
    kahaDb.setJournalDiskSyncInterval(1000);
    broker.setPersistenceAdapter(kahaDb);
    broker.getSystemUsage().getStoreUsage().setLimit(4L * 1024 * 1024 * 1024);
    broker.getSystemUsage().getTempUsage().setLimit(1024L * 1024 * 1024);

    IndividualDeadLetterStrategy deadLetters = new IndividualDeadLetterStrategy();
    deadLetters.setQueuePrefix("DLQ.");
    deadLetters.setTopicPrefix("DLQ.");
    deadLetters.setUseQueueForTopicMessages(true);
    deadLetters.setProcessExpired(false);
    PolicyEntry policy = new PolicyEntry();
    policy.setDeadLetterStrategy(deadLetters);
    policy.setQueue(">");
    // HARVEST jobs carry their harvester's priority; without this the store ignores it.
    policy.setPrioritizedMessages(true);
    PolicyEntry topicPolicy = new PolicyEntry();
    topicPolicy.setDeadLetterStrategy(deadLetters);
    topicPolicy.setTopic(">");
    PolicyMap policies = new PolicyMap();
    policies.setPolicyEntries(List.of(policy, topicPolicy));
    broker.setDestinationPolicy(policies);

    TransportConnector connector = broker.addConnector(bindUrl);
    connector.setName("openwire");
    broker.start();
    if (!broker.waitUntilStarted(30_000)) {
      throw new IllegalStateException("broker did not start within 30 s");
    }
    return new CatalogBroker(broker);
  }

  /** The URL clients connect to, with the actual port when the bind URL asked for port 0. */
  public String connectUrl() throws Exception {
    return broker.getTransportConnectorByName("openwire").getPublishableConnectString();
  }

  @Override
  public void close() throws Exception {
    broker.stop();
    broker.waitUntilStopped();
  }
}
