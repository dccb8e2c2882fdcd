package org.spatialcatalog.node.settings;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * This node's view of the live settings: a snapshot of the database values, reloaded when the
 * SETTINGS topic says so or the poller sees a new revision. Reads are lock-free; a reload tells
 * every {@link SettingsChangeListener} which keys changed.
 */
@Component
public class LiveSettings {

  private static final Logger log = LoggerFactory.getLogger(LiveSettings.class);

  private final SettingsStore store;
  private final ObjectProvider<SettingsChangeListener> listeners;
  private volatile Map<String, String> values = Map.of();
  private volatile long revision = -1;

  LiveSettings(SettingsStore store, ObjectProvider<SettingsChangeListener> listeners) {
    this.store = store;
    this.listeners = listeners;
  }

  /** The value of a setting: stored, else its default, converted; null when neither exists. */
  public <T> T get(SettingDefinition<T> definition) {
    ensureLoaded();
    String raw = values.getOrDefault(definition.key(), definition.defaultValue());
    return raw == null ? null : definition.parse(raw);
  }

  /** Whether a value is stored for this key (rather than the default). */
  public boolean isSet(SettingDefinition<?> definition) {
    ensureLoaded();
    return values.containsKey(definition.key());
  }

  /** The revision this node has applied (-1 before the first load). */
  public long revision() {
    return revision;
  }

  /** The revision in the database now, which this node applies within a second or so. */
  public long storedRevision() {
    return store.revision();
  }

  Map<String, String> storedValues() {
    ensureLoaded();
    return values;
  }

  /** Reads the database if its revision is newer than ours; tells listeners what changed. */
  public synchronized void reloadIfChanged() {
    long stored = store.revision();
    if (stored == revision) {
      return;
    }
    Map<String, String> fresh = store.values();
    Set<String> changed = new HashSet<>();
    Set<String> keys = new HashSet<>(fresh.keySet());
    keys.addAll(values.keySet());
    for (String key : keys) {
      if (!Objects.equals(fresh.get(key), values.get(key))) {
        changed.add(key);
      }
    }
    boolean first = revision < 0;
    values = Map.copyOf(new HashMap<>(fresh));
    revision = stored;
    if (!first && !changed.isEmpty()) {
      log.info("settings revision {}: changed {}", stored, changed);
      listeners
          .orderedStream()
          .forEach(
              l -> {
                try {
                  l.settingsChanged(changed, this);
                } catch (RuntimeException e) {
                  log.warn(
                      "applying settings {} failed in {}: {}",
                      changed,
                      l.getClass().getSimpleName(),
                      e.toString());
                }
              });
    }
  }

  private void ensureLoaded() {
    if (revision < 0) {
      reloadIfChanged();
    }
  }
}
