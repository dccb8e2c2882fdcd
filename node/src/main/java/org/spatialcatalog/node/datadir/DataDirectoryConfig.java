package org.spatialcatalog.node.datadir;

import jakarta.servlet.MultipartConfigElement;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spatialcatalog.config.NodeIdentity;
import org.spatialcatalog.node.config.CatalogProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Wires the data directory: the attachment store exists only when {@code catalog.shared-dir} is set
 * (otherwise attachment calls answer 503 naming the setting), and cleans up this node's interrupted
 * uploads before the node takes requests.
 */
@Configuration
class DataDirectoryConfig {

  private static final Logger log = LoggerFactory.getLogger(DataDirectoryConfig.class);

  @Bean
  @ConditionalOnProperty("catalog.shared-dir")
  AttachmentStore attachmentStore(
      CatalogProperties properties,
      NodeIdentity identity,
      AttachmentProperties attachments,
      JdbcClient jdbc,
      TransactionTemplate tx)
      throws IOException {
    Path shared = properties.sharedDir();
    Files.createDirectories(shared);
    UploadJournal journal = new UploadJournal(identity.nodeDir());
    int removed = journal.recover();
    log.info(
        "data directory {}, uploads up to {}; removed {} temporary file(s) of interrupted uploads",
        shared.toAbsolutePath(),
        attachments.maxUploadSize(),
        removed);
    return new AttachmentStore(
        new RecordFolderLayout(shared),
        journal,
        new AttachmentNameLocks(jdbc, tx),
        DurableRename.DEFAULT,
        identity.nodeId());
  }

  /**
   * Multipart uploads: the container enforces the upload limit while it parses the body and keeps
   * parts over 1 MB in its own temporary directory, never in the shared one.
   */
  @Bean
  MultipartConfigElement multipartConfig(AttachmentProperties attachments) {
    long max = attachments.maxUploadSize().toBytes();
    // The request may be a little larger than its file: part headers and boundaries.
    return new MultipartConfigElement("", max, max + 64 * 1024, 1024 * 1024);
  }
}
