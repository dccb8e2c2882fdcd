package org.spatialcatalog.node.datadir;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Fixed settings of the attachment API, read once at start.
 *
 * @param maxUploadSize largest file accepted; enforced while the body streams in, so a larger
 *     upload is cut off as soon as it passes the limit and nothing of it stays on disk
 */
@ConfigurationProperties("catalog.attachments")
public record AttachmentProperties(@DefaultValue("100MB") DataSize maxUploadSize) {

  public AttachmentProperties {
    if (maxUploadSize.toBytes() <= 0) {
      throw new IllegalArgumentException("catalog.attachments.max-upload-size must be positive");
    }
  }
}
