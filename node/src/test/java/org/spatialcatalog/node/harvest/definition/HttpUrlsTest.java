package org.spatialcatalog.node.harvest.definition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HttpUrlsTest {

  @Test
  void acceptsAbsoluteHttpAndHttpsUrlsInAnyCase() {
    assertThat(HttpUrls.require("url", "http://example.org/csw").getHost())
        .isEqualTo("example.org");
    assertThat(HttpUrls.require("url", "https://127.0.0.1:8443/oai?verb=Identify").getPort())
        .isEqualTo(8443);
    assertThat(HttpUrls.require("url", "HTTPS://example.org").getScheme()).isEqualTo("HTTPS");
  }

  @Test
  void refusesOtherSchemesMissingHostsAndNonsenseNamingTheField() {
    for (String bad :
        new String[] {
          "ftp://example.org/x", "file:///etc/passwd", "http:/no-host", "example.org"
        }) {
      assertThatThrownBy(() -> HttpUrls.require("options.webhookUrl", bad))
          .as(bad)
          .isInstanceOf(InvalidHarvesterException.class)
          .hasMessageContaining(bad)
          .satisfies(
              e ->
                  assertThat(((InvalidHarvesterException) e).field())
                      .isEqualTo("options.webhookUrl"));
    }
    assertThatThrownBy(() -> HttpUrls.require("url", "http://exa mple.org"))
        .isInstanceOf(InvalidHarvesterException.class)
        .hasMessageContaining("is not a URL");
  }
}
