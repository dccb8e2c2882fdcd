package org.spatialcatalog.node.datadir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AttachmentNameTest {

  @Test
  void ordinaryFileNamesAreAccepted() {
    for (String ok :
        new String[] {"data.csv", "thumbnail.png", "Überblick 2026.pdf", "a..b", "x", "日本.txt"}) {
      assertThat(new AttachmentName(ok).value()).isEqualTo(ok);
    }
    assertThat(new AttachmentName("a".repeat(255)).value()).hasSize(255);
  }

  @Test
  void hostileNamesAreRefusedNamingTheReason() {
    refused("", "empty");
    refused(null, "empty");
    refused("..", "starts with '.'");
    refused(".", "starts with '.'");
    refused("../etc/passwd", "path separator");
    refused("a/b", "path separator");
    refused("..\\windows", "path separator");
    refused(".hidden", "starts with '.'");
    refused(".upload-node-1-x.tmp", "starts with '.'");
    refused("a\u0000b", "U+0000");
    refused("line\nbreak", "U+000A");
    refused("del\u007f", "U+007F");
    refused(" padded", "white space");
    refused("a;jsessionid=1", "';'");
    refused("100%.txt", "'%'");
    refused("a".repeat(256), "longer than 255 bytes");
    refused("é".repeat(128), "longer than 255 bytes");
  }

  private static void refused(String name, String reason) {
    assertThatThrownBy(() -> new AttachmentName(name))
        .as(String.valueOf(name))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(reason)
        .hasMessageNotContaining("\n");
  }
}
