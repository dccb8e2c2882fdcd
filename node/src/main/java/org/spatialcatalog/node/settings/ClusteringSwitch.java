package org.spatialcatalog.node.settings;

import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spatialcatalog.messaging.BrokerSettings;
import org.spatialcatalog.node.cluster.ClusterMembership;
import org.spatialcatalog.node.config.CatalogProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Turns clustering on and off on this node from the live settings {@code cluster.enabled} and
 * {@code cluster.jmsUrl} (and the broker credentials), falling back to the node's own {@code
 * --broker-url} for what is not set. Applied at start and on every change of a {@code cluster.*}
 * setting, without a restart.
 */
@Component
class ClusteringSwitch implements SettingsChangeListener, SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(ClusteringSwitch.class);

  private final LiveSettings settings;
  private final CatalogProperties properties;
  private final ClusterMembership membership;
  private volatile boolean running;

  ClusteringSwitch(
      LiveSettings settings, CatalogProperties properties, ClusterMembership membership) {
    this.settings = settings;
    this.properties = properties;
    this.membership = membership;
  }

  @Override
  public void settingsChanged(Set<String> changedKeys, LiveSettings changed) {
    if (running && changedKeys.stream().anyMatch(k -> k.startsWith("cluster."))) {
      apply();
    }
  }

  /** The live setting when an administrator set it, else the node's start-up value. */
  private <T> T setOr(SettingDefinition<T> setting, T startUpValue) {
    return settings.isSet(setting) ? settings.get(setting) : startUpValue;
  }

  /** The broker this node should use now, or null for no clustering. */
  BrokerSettings effectiveBroker() {
    String url = setOr(Settings.CLUSTER_JMS_URL, properties.brokerUrl());
    boolean enabled = setOr(Settings.CLUSTER_ENABLED, properties.clustering());
    if (!enabled) {
      return null;
    }
    if (url == null || url.isBlank()) {
      log.warn(
          "cluster.enabled is true but neither cluster.jmsUrl nor --broker-url is set;"
              + " this node stays alone");
      return null;
    }
    String user = setOr(Settings.CLUSTER_JMS_USER, properties.brokerUser());
    String password = setOr(Settings.CLUSTER_JMS_PASSWORD, properties.brokerPassword());
    return new BrokerSettings(
        url,
        user,
        password,
        properties.sync().sendTimeout(),
        properties.sync().messageTimeToLive());
  }

  private void apply() {
    membership.reconfigure(effectiveBroker());
  }

  @Override
  public void start() {
    running = true;
    apply();
  }

  @Override
  public void stop() {
    running = false;
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    // After ClusterMembership (10), so its lifecycle has begun when the first connect happens.
    return 20;
  }
}
