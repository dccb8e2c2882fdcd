package org.spatialcatalog.node.settings;

import java.util.Set;

/** A part of the node that applies live settings; told after each change it has not seen. */
public interface SettingsChangeListener {

  void settingsChanged(Set<String> changedKeys, LiveSettings settings);
}
