package org.spatialcatalog.node.system;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * Requests refused before any controller sees them still get an {@code application/problem+json}
 * 400. Tomcat passes an encoded slash ({@code %2F}) through instead of answering with its own HTML
 * page; Spring Security's firewall then refuses it, like an encoded dot ({@code %2E%2E}), and the
 * handler here writes the problem.
 */
@Configuration
class RejectedRequests {

  @Bean
  WebServerFactoryCustomizer<TomcatServletWebServerFactory> encodedSlashesReachTheFirewall() {
    return factory ->
        factory.addConnectorCustomizers(
            connector -> connector.setEncodedSolidusHandling("passthrough"));
  }

  @Bean
  RequestRejectedHandler requestRejectedHandler() {
    return (request, response, e) ->
        SecurityConfig.writeProblem(
            response,
            400,
            "Bad request",
            "the request path contains an encoded or unusual character the catalog refuses"
                + " (for example %2F, %2E, %25, // or a ;): names in paths may not contain / or be"
                + " . or ..");
  }
}
