package org.spatialcatalog.node.settings;

import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spatialcatalog.messaging.CatalogTopic;
import org.spatialcatalog.node.cluster.ClusterMembership;
import org.spatialcatalog.node.cluster.MessagingUnavailableException;
import org.spatialcatalog.node.config.CatalogProperties;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/admin/settings}: read and change live settings (admin only). A PUT is a partial
 * update: every key is validated before anything is stored; a null value removes a stored value
 * (back to the default).
 */
@RestController
class SettingsController {

  private static final Logger log = LoggerFactory.getLogger(SettingsController.class);

  private final SettingsStore store;
  private final LiveSettings settings;
  private final ClusterMembership membership;
  private final CatalogProperties properties;

  SettingsController(
      SettingsStore store,
      LiveSettings settings,
      ClusterMembership membership,
      CatalogProperties properties) {
    this.properties = properties;
    this.store = store;
    this.settings = settings;
    this.membership = membership;
  }

  @GetMapping("/api/admin/settings")
  Map<String, Object> get() {
    // What this node has in effect: no reload here, so the answer shows propagation honestly.
    Map<String, String> stored = settings.storedValues();
    Map<String, Object> body = new LinkedHashMap<>();
    Settings.all()
        .forEach(
            (key, d) -> {
              String value = stored.getOrDefault(key, d.defaultValue());
              body.put(key, d.secret() && value != null ? "****" : typed(d, value));
            });
    body.put("revision", settings.revision());
    return body;
  }

  /** The value as its JSON type (a boolean setting as true/false, not "true"). */
  private static Object typed(SettingDefinition<?> d, String value) {
    if (value == null) {
      return null;
    }
    try {
      return d.parser().apply(value);
    } catch (RuntimeException unreadable) {
      // A stored value from an older version that no longer parses: show it as it is.
      return value;
    }
  }

  /** Turning clustering on needs a broker URL from the settings or from this node's options. */
  private void checkClusteringHasABroker(Map<String, String> changes) {
    String enabled =
        changes.containsKey(Settings.CLUSTER_ENABLED.key())
            ? changes.get(Settings.CLUSTER_ENABLED.key())
            : settings.storedValues().get(Settings.CLUSTER_ENABLED.key());
    String url =
        changes.containsKey(Settings.CLUSTER_JMS_URL.key())
            ? changes.get(Settings.CLUSTER_JMS_URL.key())
            : settings.storedValues().get(Settings.CLUSTER_JMS_URL.key());
    if ("true".equalsIgnoreCase(enabled)
        && (url == null || url.isBlank())
        && !properties.clustering()) {
      throw new InvalidSettingException(
          Settings.CLUSTER_JMS_URL.key(),
          "is required to turn clustering on (this node was started without --broker-url)");
    }
  }

  @PutMapping("/api/admin/settings")
  Map<String, Object> put(@RequestBody Map<String, Object> changes) {
    if (changes == null || changes.isEmpty()) {
      throw new InvalidSettingException("(body)", "no settings given");
    }
    Map<String, String> validated = new LinkedHashMap<>();
    changes.forEach(
        (key, value) -> {
          SettingDefinition<?> d = Settings.definition(key);
          String text = value == null ? null : String.valueOf(value);
          if (text != null) {
            d.parse(text);
          }
          validated.put(key, text);
        });
    checkClusteringHasABroker(validated);
    long revision = store.store(validated);
    log.info("settings changed through the API (revision {}): {}", revision, validated.keySet());
    if (membership.clustering()) {
      try {
        membership.publish(CatalogTopic.SETTINGS, "", Map.of("revision", revision));
      } catch (MessagingUnavailableException e) {
        log.warn(
            "SETTINGS not published ({}); nodes pick the change up by polling", e.getMessage());
      }
    }
    settings.reloadIfChanged();
    return get();
  }
}
