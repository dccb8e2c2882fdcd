package org.spatialcatalog.node.harvest.source;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Builds request URLs for source protocols: the base URL plus encoded query parameters. */
public final class SourceUrls {

  private SourceUrls() {}

  /** {@code base} with {@code params} appended (null values left out), in map order. */
  public static URI with(String base, Map<String, String> params) {
    StringBuilder url = new StringBuilder(base);
    char sep = base.contains("?") ? (base.endsWith("?") || base.endsWith("&") ? 0 : '&') : '?';
    for (Map.Entry<String, String> p : params.entrySet()) {
      if (p.getValue() == null) {
        continue;
      }
      if (sep != 0) {
        url.append(sep);
      }
      url.append(URLEncoder.encode(p.getKey(), StandardCharsets.UTF_8))
          .append('=')
          .append(URLEncoder.encode(p.getValue(), StandardCharsets.UTF_8));
      sep = '&';
    }
    return URI.create(url.toString());
  }
}
