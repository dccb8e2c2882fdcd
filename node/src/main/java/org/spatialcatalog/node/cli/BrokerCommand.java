package org.spatialcatalog.node.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.spatialcatalog.messaging.CatalogBroker;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./catalog broker}: a standalone ActiveMQ broker with a KahaDB store. Two of them given the
 * same {@code --store-dir} form a master/slave pair: the second one says it waits, and takes over
 * when the first one stops or dies.
 */
@Command(
    name = "broker",
    mixinStandardHelpOptions = true,
    versionProvider = CatalogVersion.class,
    showDefaultValues = true,
    sortOptions = false,
    description = "Run a standalone ActiveMQ broker for the cluster.")
class BrokerCommand implements Runnable {

  @Option(
      names = "--data",
      defaultValue = "broker-data",
      description = "This broker's own directory (its KahaDB store too, unless --store-dir).")
  Path data;

  @Option(
      names = "--store-dir",
      paramLabel = "DIR",
      description =
          "KahaDB store shared by a master/slave pair: give both brokers the same directory (a"
              + " disk both reach, whose file locks end with the process holding them). Default:"
              + " <data>/kahadb.")
  Path storeDir;

  @Option(names = "--port", defaultValue = "61616", description = "TCP port of the broker.")
  int port;

  @Option(
      names = "--host",
      defaultValue = "127.0.0.1",
      description = "Address to listen on (0.0.0.0 for every interface).")
  String host;

  @Option(
      names = "--offline-subscriber-timeout",
      defaultValue = "P7D",
      description = "How long an offline node's durable subscriptions are kept (ISO-8601).")
  Duration offlineTimeout;

  @Override
  public void run() {
    QuietLogging.apply();
    Path store = storeDir != null ? storeDir : data.resolve("kahadb");
    try {
      if (CatalogBroker.storeLockedByAnother(store)) {
        System.out.println(
            "broker waiting: the store "
                + store
                + " is locked by another broker (the master); this one (slave) takes over on"
                + " port "
                + port
                + " when that one stops");
      }
      CatalogBroker broker =
          CatalogBroker.start(data, store, "tcp://" + host + ":" + port, offlineTimeout);
      CountDownLatch stopped = new CountDownLatch(1);
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      broker.close();
                    } catch (Exception e) {
                      System.err.println("broker stop failed: " + e);
                    }
                    stopped.countDown();
                  },
                  "broker-shutdown"));
      System.out.println(
          "broker ready: "
              + broker.connectUrl()
              + " (data in "
              + data
              + ", store in "
              + store
              + ")");
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      throw new IllegalStateException("broker failed to start: " + e.getMessage(), e);
    }
  }
}
