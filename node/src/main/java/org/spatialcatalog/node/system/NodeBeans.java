package org.spatialcatalog.node.system;

import java.io.IOException;
import java.time.Clock;
import org.spatialcatalog.config.ClusterName;
import org.spatialcatalog.config.NodeIdentity;
import org.spatialcatalog.index.RecordIndex;
import org.spatialcatalog.messaging.Destinations;
import org.spatialcatalog.node.config.CatalogProperties;
import org.spatialcatalog.node.record.RecordXmlParser;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The node's long-lived objects that are not Spring components themselves. */
@Configuration
class NodeBeans {

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }

  @Bean
  NodeIdentity nodeIdentity(CatalogProperties properties) {
    return NodeIdentity.loadOrCreate(properties.nodeDir());
  }

  @Bean(destroyMethod = "close")
  RecordIndex recordIndex(NodeIdentity identity) throws IOException {
    return RecordIndex.open(identity.indexDir());
  }

  @Bean
  RecordXmlParser recordXmlParser() {
    return new RecordXmlParser();
  }

  @Bean
  Destinations destinations(CatalogProperties properties) {
    return new Destinations(new ClusterName(properties.clusterName()));
  }
}
