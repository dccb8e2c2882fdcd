package org.spatialcatalog.config;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;
import java.util.UUID;

/**
 * The identity of one catalog node, kept in its node directory.
 *
 * <p>The node directory holds the node's Lucene index ({@code index/}) and a {@code
 * cluster-config/} folder whose {@code node.properties} file holds the node id. The id is created
 * on first start and never changes afterwards: it is the JMS client id of the node's durable
 * subscriptions, so a node that kept its directory resumes the subscriptions it had.
 */
public final class NodeIdentity {

  static final String CONFIG_FOLDER = "cluster-config";
  static final String FILE_NAME = "node.properties";
  private static final String KEY = "node.id";

  private final Path nodeDir;
  private final String nodeId;

  private NodeIdentity(Path nodeDir, String nodeId) {
    this.nodeDir = nodeDir;
    this.nodeId = nodeId;
  }

  /** Reads the node id from {@code nodeDir}, creating the directory and id on first start. */
  public static NodeIdentity loadOrCreate(Path nodeDir) {
    Path file = nodeDir.resolve(CONFIG_FOLDER).resolve(FILE_NAME);
    try {
      Files.createDirectories(file.getParent());
      if (!Files.exists(file)) {
        create(file, "node-" + UUID.randomUUID());
      }
      return new NodeIdentity(nodeDir, read(file));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create node identity in " + file, e);
    }
  }

  /**
   * Reads the node id of an existing node directory without creating anything; empty when {@code
   * nodeDir} holds no identity.
   */
  public static java.util.Optional<NodeIdentity> load(Path nodeDir) {
    Path file = nodeDir.resolve(CONFIG_FOLDER).resolve(FILE_NAME);
    if (!Files.isRegularFile(file)) {
      return java.util.Optional.empty();
    }
    try {
      return java.util.Optional.of(new NodeIdentity(nodeDir, read(file)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read node identity in " + file, e);
    }
  }

  public String nodeId() {
    return nodeId;
  }

  public Path nodeDir() {
    return nodeDir;
  }

  /** Where this node keeps its Lucene index. */
  public Path indexDir() {
    return nodeDir.resolve("index");
  }

  private static void create(Path file, String id) throws IOException {
    // Written to a temporary file and moved into place so a crash never leaves an empty file.
    Path tmp = Files.createTempFile(file.getParent(), FILE_NAME, ".tmp");
    Properties props = new Properties();
    props.setProperty(KEY, id);
    try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
      props.store(out, "Identity of this catalog node. Do not copy to another node.");
    }
    try {
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException | FileAlreadyExistsException e) {
      Files.deleteIfExists(tmp);
      if (!Files.exists(file)) {
        throw e;
      }
    }
  }

  private static String read(Path file) throws IOException {
    Properties props = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      props.load(in);
    }
    String id = props.getProperty(KEY, "").trim();
    if (id.isEmpty()) {
      throw new IllegalStateException(file + " has no " + KEY);
    }
    return id;
  }
}
