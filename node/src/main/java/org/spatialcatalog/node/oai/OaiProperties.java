package org.spatialcatalog.node.oai;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Fixed settings of the OAI-PMH provider, read once at start. Every node of a cluster must have the
 * same values: identifiers and resumption tokens are only portable between nodes that agree.
 *
 * @param pageSize records (or headers) per ListRecords/ListIdentifiers answer, 1 to 1000
 * @param repositoryName the {@code repositoryName} of Identify
 * @param repositoryIdentifier the middle part of every item identifier ({@code
 *     oai:<repositoryIdentifier>:<record id>})
 * @param adminEmail the {@code adminEmail} of Identify
 * @param baseUrl the {@code baseURL} of Identify and of every {@code request} element; empty:
 *     derived from the request and its {@code X-Forwarded-*} headers
 */
@ConfigurationProperties("catalog.oai")
record OaiProperties(
    @DefaultValue("100") int pageSize,
    @DefaultValue("Spatial metadata catalog") String repositoryName,
    @DefaultValue("spatialcatalog") String repositoryIdentifier,
    @DefaultValue("admin@example.org") String adminEmail,
    @DefaultValue("") String baseUrl) {

  OaiProperties {
    if (pageSize < 1 || pageSize > 1000) {
      throw new IllegalArgumentException(
          "catalog.oai.page-size must be between 1 and 1000, was " + pageSize);
    }
    if (!repositoryIdentifier.matches("[A-Za-z0-9.\\-]+")) {
      throw new IllegalArgumentException(
          "catalog.oai.repository-identifier '"
              + repositoryIdentifier
              + "' may only hold letters, digits, '.' and '-'");
    }
    if (!adminEmail.matches("\\S+@(\\S+\\.)+\\S+")) {
      throw new IllegalArgumentException(
          "catalog.oai.admin-email '" + adminEmail + "' is not an e-mail address");
    }
  }
}
