package org.spatialcatalog.node.settings;

import jakarta.jms.Message;
import org.spatialcatalog.messaging.CatalogTopic;
import org.spatialcatalog.node.cluster.TopicListener;
import org.springframework.stereotype.Component;

/** SETTINGS: another node changed a setting; reload from the database now. */
@Component
class SettingsTopicListener implements TopicListener {

  private final LiveSettings settings;

  SettingsTopicListener(LiveSettings settings) {
    this.settings = settings;
  }

  @Override
  public CatalogTopic topic() {
    return CatalogTopic.SETTINGS;
  }

  @Override
  public void onMessage(Message message) {
    settings.reloadIfChanged();
  }
}
