package org.spatialcatalog.node.admin;

import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.util.Map;
import org.spatialcatalog.config.NodeIdentity;
import org.spatialcatalog.messaging.CatalogTopic;
import org.spatialcatalog.node.cluster.ClusterMembership;
import org.spatialcatalog.node.cluster.TopicListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The two halves of the cluster-status exchange: every node answers SYSTEM_CONFIGURATION requests
 * with its status, and the asking node collects SYSTEM_CONFIGURATION_RESPONSE answers. A request
 * with an {@code action} property is a {@link NodeActions} request instead: only its {@code target}
 * acts and answers (with a {@code phase} property). Requests older than a few seconds (delivered to
 * a node that was away) are ignored: nobody waits for them.
 */
@Configuration
class SystemConfigurationListeners {

  private static final long MAX_REQUEST_AGE_MS = 10_000;

  @Bean
  TopicListener systemConfigurationRequests(
      NodeStatus status,
      ClusterMembership membership,
      NodeActions actions,
      NodeIdentity identity,
      JsonMapper json) {
    return new TopicListener() {
      @Override
      public CatalogTopic topic() {
        return CatalogTopic.SYSTEM_CONFIGURATION;
      }

      @Override
      public void onMessage(Message message) throws Exception {
        if (System.currentTimeMillis() - message.getJMSTimestamp() > MAX_REQUEST_AGE_MS
            || !message.propertyExists("correlationId")) {
          return;
        }
        if (message.propertyExists("action")) {
          boolean fresh =
              message.propertyExists("requestedAt")
                  && System.currentTimeMillis() - message.getLongProperty("requestedAt")
                      <= MAX_REQUEST_AGE_MS;
          if (fresh && identity.nodeId().equals(message.getStringProperty("target"))) {
            actions.perform(
                message.getStringProperty("correlationId"),
                message.getStringProperty("action"),
                message.getStringProperty("actor"));
          }
          return;
        }
        membership.publish(
            CatalogTopic.SYSTEM_CONFIGURATION_RESPONSE,
            json.writeValueAsString(status.current()),
            Map.of("correlationId", message.getStringProperty("correlationId")));
      }
    };
  }

  @Bean
  TopicListener systemConfigurationResponses(
      ClusterStatus cluster, NodeActions actions, JsonMapper json) {
    return new TopicListener() {
      @Override
      public CatalogTopic topic() {
        return CatalogTopic.SYSTEM_CONFIGURATION_RESPONSE;
      }

      @Override
      public void onMessage(Message message) throws Exception {
        if (message instanceof TextMessage text && message.propertyExists("correlationId")) {
          Map<String, Object> status =
              json.readValue(text.getText(), new TypeReference<Map<String, Object>>() {});
          String correlationId = message.getStringProperty("correlationId");
          if (message.propertyExists("phase")) {
            actions.answered(correlationId, message.getStringProperty("phase"), status);
          } else {
            cluster.answer(correlationId, status);
          }
        }
      }
    };
  }
}
