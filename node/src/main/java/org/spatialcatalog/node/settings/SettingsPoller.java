package org.spatialcatalog.node.settings;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Reads the settings revision every second, so a node applies a change even when it cannot hear the
 * SETTINGS topic (clustering off, broker down).
 */
@Component
class SettingsPoller {

  private static final Logger log = LoggerFactory.getLogger(SettingsPoller.class);

  private final LiveSettings settings;

  SettingsPoller(LiveSettings settings) {
    this.settings = settings;
  }

  @Scheduled(initialDelay = 1000, fixedDelayString = "${catalog.settings-poll-interval:1000}")
  void poll() {
    try {
      settings.reloadIfChanged();
    } catch (RuntimeException e) {
      log.warn("settings not reloaded: {}", e.toString());
    }
  }
}
