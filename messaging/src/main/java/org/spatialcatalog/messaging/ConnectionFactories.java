package org.spatialcatalog.messaging;

import org.apache.activemq.ActiveMQConnectionFactory;
import org.apache.activemq.RedeliveryPolicy;

/** Creates ActiveMQ connection factories configured the same way for publishing and consuming. */
final class ConnectionFactories {

  /** Redeliveries before a message that keeps failing goes to the dead-letter queue. */
  static final int MAX_REDELIVERIES = 6;

  private ConnectionFactories() {}

  static ActiveMQConnectionFactory create(BrokerSettings settings) {
    ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(settings.url());
    if (settings.user() != null && !settings.user().isBlank()) {
      factory.setUserName(settings.user());
      factory.setPassword(settings.password());
    }
    int timeout = (int) settings.sendTimeout().toMillis();
    // No setSendTimeout: it forces every send onto the synchronous path (useAsyncSend would do
    // nothing) and does not bound a failover transport that is reconnecting anyway. Sends are
    // bounded by DeadlineRunner instead. These two bound connecting and closing.
    factory.setConnectResponseTimeout(timeout);
    factory.setCloseTimeout(timeout);
    // Only text messages are exchanged: never deserialize objects from the wire.
    factory.setTrustAllPackages(false);
    factory.setTrustedPackages(java.util.List.of());
    RedeliveryPolicy redelivery = new RedeliveryPolicy();
    redelivery.setMaximumRedeliveries(MAX_REDELIVERIES);
    redelivery.setInitialRedeliveryDelay(200);
    redelivery.setUseExponentialBackOff(true);
    redelivery.setBackOffMultiplier(2);
    redelivery.setMaximumRedeliveryDelay(10_000);
    factory.setRedeliveryPolicy(redelivery);
    return factory;
  }
}
