package org.spatialcatalog.messaging;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.activemq.broker.BrokerService;
import org.apache.activemq.broker.TransportConnector;
import org.apache.activemq.broker.region.policy.IndividualDeadLetterStrategy;
import org.apache.activemq.broker.region.policy.PolicyEntry;
import org.apache.activemq.broker.region.policy.PolicyMap;
import org.apache.activemq.store.SharedFileLocker;
import org.apache.activemq.store.kahadb.KahaDBPersistenceAdapter;

/**
 * An embedded ActiveMQ Classic broker with a KahaDB store, for the local demo, tests and small
 * installations ({@code ./catalog broker}).
 *
 * <p><b>Master/slave.</b> Two brokers started on the same store directory form a shared-store pair:
 * KahaDB holds a file lock ({@code <store>/lock}) while it runs, so the second broker waits in
 * {@link #start} without opening its port until that lock is free, retrying every {@value
 * #LOCK_RETRY_MILLIS} ms. When the master stops or dies, the operating system releases the lock,
 * the slave opens the store with every persistent message in it and starts listening. Clients use a
 * {@code failover:(tcp://a,tcp://b)} URL and reconnect to whichever broker listens.
 *
 * <p>Offline durable subscribers expire after {@code offlineSubscriberTimeout}: a node that never
 * returns does not fill the store forever; a node that returns later catches up from the database
 * change log. Messages that keep failing go to a dead-letter queue per destination ({@code
 * DLQ.<destination>}) instead of blocking it.
 */
public final class CatalogBroker implements AutoCloseable {

  /** How often a waiting (slave) broker tries to take the store's lock. */
  static final long LOCK_RETRY_MILLIS = 1000;

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
    return start(dataDir, dataDir.resolve("kahadb"), bindUrl, offlineSubscriberTimeout);
  }

  /**
   * Starts a broker whose KahaDB store is in {@code storeDir}, which another broker may share (see
   * the class comment). While another broker holds the store, this call blocks until it can take
   * over.
   *
   * @param dataDir this broker's own files (temporary storage); never shared
   * @param storeDir the KahaDB store, for example on a directory shared by a master/slave pair
   * @param bindUrl transport to listen on, e.g. {@code tcp://127.0.0.1:61616}
   * @param offlineSubscriberTimeout how long an offline durable subscription is kept
   */
  public static CatalogBroker start(
      Path dataDir, Path storeDir, String bindUrl, Duration offlineSubscriberTimeout)
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
    kahaDb.setDirectory(storeDir.toFile());
    SharedFileLocker locker = new SharedFileLocker();
    // The default retry of 10 s would be most of a failover's time.
    locker.setLockAcquireSleepInterval(LOCK_RETRY_MILLIS);
    kahaDb.setLocker(locker);
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

  /**
   * Whether another process holds the lock of the KahaDB store in {@code storeDir} right now: a
   * broker started on it would wait as a slave. Only for telling the operator; the broker itself
   * takes the lock in {@link #start}.
   */
  public static boolean storeLockedByAnother(Path storeDir) {
    Path lock = storeDir.resolve("lock");
    if (!java.nio.file.Files.exists(lock)) {
      return false;
    }
    try (java.nio.channels.FileChannel channel =
        java.nio.channels.FileChannel.open(lock, java.nio.file.StandardOpenOption.WRITE)) {
      java.nio.channels.FileLock held = channel.tryLock();
      if (held == null) {
        return true;
      }
      held.release();
      return false;
    } catch (java.nio.channels.OverlappingFileLockException e) {
      return true; // held by this JVM (a test running both brokers in one process)
    } catch (java.io.IOException e) {
      return false;
    }
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
