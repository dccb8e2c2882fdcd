package org.spatialcatalog.node;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** One catalog node: the Spring Boot application started by {@code ./catalog node}. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class NodeApplication {

  public static void main(String[] args) {
    SpringApplication.run(NodeApplication.class, args);
  }
}
