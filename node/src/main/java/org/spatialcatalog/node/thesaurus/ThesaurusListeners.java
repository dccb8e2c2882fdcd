package org.spatialcatalog.node.thesaurus;

import jakarta.jms.Message;
import org.spatialcatalog.messaging.CatalogTopic;
import org.spatialcatalog.node.cluster.TopicListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The five thesaurus topics: each tells this node to reload a thesaurus or one concept from the
 * database into its in-memory view. Idempotent: reloading twice gives the same view.
 */
@Configuration
class ThesaurusListeners {

  @Bean
  TopicListener addThesaurus(ThesaurusCache cache) {
    return listener(
        CatalogTopic.ADD_THESAURUS, m -> cache.reload(m.getStringProperty("thesaurusId")));
  }

  @Bean
  TopicListener deleteThesaurus(ThesaurusCache cache) {
    return listener(
        CatalogTopic.DELETE_THESAURUS, m -> cache.drop(m.getStringProperty("thesaurusId")));
  }

  @Bean
  TopicListener addThesaurusElement(ThesaurusCache cache) {
    return listener(CatalogTopic.ADD_THESAURUS_ELEMENT, m -> concept(cache, m));
  }

  @Bean
  TopicListener updateThesaurusElement(ThesaurusCache cache) {
    return listener(CatalogTopic.UPDATE_THESAURUS_ELEMENT, m -> concept(cache, m));
  }

  @Bean
  TopicListener deleteThesaurusElement(ThesaurusCache cache) {
    return listener(CatalogTopic.DELETE_THESAURUS_ELEMENT, m -> concept(cache, m));
  }

  private static void concept(ThesaurusCache cache, Message m) throws Exception {
    cache.reloadConcept(m.getStringProperty("thesaurusId"), m.getStringProperty("uri"));
  }

  private interface Handler {
    void handle(Message message) throws Exception;
  }

  private static TopicListener listener(CatalogTopic topic, Handler handler) {
    return new TopicListener() {
      @Override
      public CatalogTopic topic() {
        return topic;
      }

      @Override
      public void onMessage(Message message) throws Exception {
        handler.handle(message);
      }
    };
  }
}
