package org.spatialcatalog.node.csw;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The URL clients must use for the CSW endpoint, advertised in the capabilities: the configured
 * {@code catalog.public-url} (for nodes behind a load balancer) plus {@code /csw}; otherwise the
 * URL of the request itself, honouring {@code X-Forwarded-Proto}, {@code X-Forwarded-Host}, {@code
 * X-Forwarded-Port} and {@code X-Forwarded-Prefix} set by a proxy.
 */
@Component
class PublicUrl {

  private final String configured;

  PublicUrl(@Value("${catalog.public-url:}") String configured) {
    String c = configured == null ? "" : configured.strip();
    if (!c.isEmpty() && !(c.startsWith("http://") || c.startsWith("https://"))) {
      throw new IllegalArgumentException(
          "catalog.public-url must be an http(s) URL, was '" + configured + "'");
    }
    this.configured = c.endsWith("/") ? c.substring(0, c.length() - 1) : c;
  }

  String csw(HttpServletRequest request) {
    if (!configured.isEmpty()) {
      return configured + "/csw";
    }
    String scheme = first(request.getHeader("X-Forwarded-Proto"));
    if (scheme == null) {
      scheme = request.getScheme();
    }
    scheme = scheme.toLowerCase(Locale.ROOT);
    String host = first(request.getHeader("X-Forwarded-Host"));
    if (host == null) {
      host = request.getHeader("Host");
    }
    if (host == null) {
      host = request.getServerName() + ":" + request.getServerPort();
    }
    String port = first(request.getHeader("X-Forwarded-Port"));
    if (port != null && !hasPort(host)) {
      boolean standard =
          ("http".equals(scheme) && "80".equals(port))
              || ("https".equals(scheme) && "443".equals(port));
      host = standard ? host : host + ":" + port;
    }
    String prefix = first(request.getHeader("X-Forwarded-Prefix"));
    prefix = prefix == null ? "" : (prefix.startsWith("/") ? prefix : "/" + prefix);
    if (prefix.endsWith("/")) {
      prefix = prefix.substring(0, prefix.length() - 1);
    }
    return scheme + "://" + host + prefix + request.getContextPath() + "/csw";
  }

  private static boolean hasPort(String host) {
    int bracket = host.lastIndexOf(']');
    return host.indexOf(':', bracket + 1) >= 0;
  }

  private static String first(String header) {
    if (header == null || header.isBlank()) {
      return null;
    }
    String v = header.split(",")[0].strip();
    return v.isEmpty() ? null : v;
  }
}
