package org.spatialcatalog.node.harvest.definition;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * The one check of a URL that a harvester fetches or calls: absolute, {@code http} or {@code https}
 * (in any case), with a host. Harvester sources, webhooks and the API all use it, so a URL is
 * accepted or refused the same way wherever it is given.
 */
public final class HttpUrls {

  private HttpUrls() {}

  /**
   * {@code url} as a URI, or an {@link InvalidHarvesterException} naming {@code field} and saying
   * what is wrong with it.
   */
  public static URI require(String field, String url) {
    try {
      URI uri = new URI(url);
      if (uri.getHost() == null
          || !("http".equalsIgnoreCase(uri.getScheme())
              || "https".equalsIgnoreCase(uri.getScheme()))) {
        throw new InvalidHarvesterException(field, "'" + url + "' is not an http(s) URL");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new InvalidHarvesterException(field, "'" + url + "' is not a URL: " + e.getReason());
    }
  }
}
