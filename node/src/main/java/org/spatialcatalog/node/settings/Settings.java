package org.spatialcatalog.node.settings;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Every live setting of the catalog. Live settings are stored in the shared database, changed
 * through {@code PUT /api/admin/settings}, and applied by every node without a restart: at once
 * through the SETTINGS topic, and within the settings poll interval by reading the database (so
 * that a node cut off from the broker applies them too).
 */
public final class Settings {

  /** Name of the catalog, shown to users. Takes effect at once. */
  public static final SettingDefinition<String> SITE_NAME =
      new SettingDefinition<>(
          "site.name",
          "Name of the catalog, shown to users.",
          "Catalog",
          Settings::nonBlank,
          false);

  /**
   * Whether the nodes use the broker. When unset, a node clusters if it was started with a broker
   * URL. Takes effect on every node within seconds: nodes connect or disconnect.
   */
  public static final SettingDefinition<Boolean> CLUSTER_ENABLED =
      new SettingDefinition<>(
          "cluster.enabled",
          "Whether the nodes use the broker (true/false). Unset: a node clusters when started"
              + " with --broker-url.",
          null,
          Settings::bool,
          false);

  /** Broker URL for every node; unset means each node's --broker-url. Reconnects on change. */
  public static final SettingDefinition<String> CLUSTER_JMS_URL =
      new SettingDefinition<>(
          "cluster.jmsUrl",
          "ActiveMQ URL used by every node (tcp://, ssl://, nio:// or failover:(...)). Unset: each"
              + " node's --broker-url.",
          null,
          Settings::brokerUrl,
          false);

  public static final SettingDefinition<String> CLUSTER_JMS_USER =
      new SettingDefinition<>("cluster.jmsUser", "Broker user.", null, v -> v, false);

  public static final SettingDefinition<String> CLUSTER_JMS_PASSWORD =
      new SettingDefinition<>(
          "cluster.jmsPassword", "Broker password (never shown).", null, v -> v, true);

  /** Whether record updates and deletes keep the previous version. Takes effect at once. */
  public static final SettingDefinition<Boolean> VERSIONING =
      new SettingDefinition<>(
          "metadata.versioning",
          "Keep the previous version of a record on every update and delete (true/false).",
          "false",
          Settings::bool,
          false);

  private static final Map<String, SettingDefinition<?>> ALL = new LinkedHashMap<>();

  static {
    for (SettingDefinition<?> d :
        new SettingDefinition<?>[] {
          SITE_NAME,
          CLUSTER_ENABLED,
          CLUSTER_JMS_URL,
          CLUSTER_JMS_USER,
          CLUSTER_JMS_PASSWORD,
          VERSIONING
        }) {
      ALL.put(d.key(), d);
    }
  }

  private Settings() {}

  /** Every definition, in documentation order. */
  public static Map<String, SettingDefinition<?>> all() {
    return ALL;
  }

  /** The definition of a key; {@link InvalidSettingException} when there is none. */
  public static SettingDefinition<?> definition(String key) {
    SettingDefinition<?> d = ALL.get(key);
    if (d == null) {
      throw new InvalidSettingException(key, "unknown key; known keys: " + ALL.keySet());
    }
    return d;
  }

  static String nonBlank(String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("must not be empty");
    }
    return value.trim();
  }

  static Boolean bool(String value) {
    String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
    return switch (v) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new IllegalArgumentException("'" + value + "' is not true or false");
    };
  }

  static String brokerUrl(String value) {
    String v = nonBlank(value);
    if (!v.matches("(?i)(tcp|ssl|nio|nio\\+ssl|vm)://\\S+|failover:\\(?\\S+")) {
      throw new IllegalArgumentException(
          "'" + value + "' is not a broker URL (tcp://host:port or failover:(tcp://...))");
    }
    return v;
  }
}
