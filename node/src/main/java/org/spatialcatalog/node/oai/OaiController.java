package org.spatialcatalog.node.oai;

import jakarta.servlet.http.HttpServletRequest;
import org.spatialcatalog.node.user.CurrentUser;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /oai} and {@code POST /oai} (form-encoded): the OAI-PMH 2.0 endpoint, public like
 * search, answering for the caller. Protocol errors are HTTP 200 OAI-PMH documents, as the protocol
 * requires.
 */
@RestController
class OaiController {

  private static final MediaType TEXT_XML = MediaType.parseMediaType("text/xml;charset=UTF-8");

  private final OaiProvider provider;
  private final OaiProperties properties;

  OaiController(OaiProvider provider, OaiProperties properties) {
    this.provider = provider;
    this.properties = properties;
  }

  @RequestMapping(
      path = "/oai",
      method = {RequestMethod.GET, RequestMethod.POST})
  ResponseEntity<String> oai(HttpServletRequest request) {
    String body = provider.answer(request.getParameterMap(), baseUrl(request), CurrentUser.get());
    return ResponseEntity.ok().contentType(TEXT_XML).body(body);
  }

  /** The configured base URL, or the one the client used, as seen through a proxy. */
  private String baseUrl(HttpServletRequest request) {
    if (!properties.baseUrl().isBlank()) {
      return properties.baseUrl();
    }
    String scheme = first(request.getHeader("X-Forwarded-Proto"), request.getScheme());
    String host =
        first(
            request.getHeader("X-Forwarded-Host"),
            request.getServerName() + ":" + request.getServerPort());
    String prefix = first(request.getHeader("X-Forwarded-Prefix"), "");
    return scheme + "://" + host + prefix + request.getContextPath() + "/oai";
  }

  private static String first(String header, String fallback) {
    if (header == null || header.isBlank()) {
      return fallback;
    }
    // A chain of proxies appends: the first value is what the client used.
    return header.split(",")[0].trim();
  }
}
