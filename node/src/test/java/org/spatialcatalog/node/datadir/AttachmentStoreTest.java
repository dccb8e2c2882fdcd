package org.spatialcatalog.node.datadir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spatialcatalog.config.RecordId;
import org.spatialcatalog.node.changelog.ChangeLogDatabase;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.ErrorResponseException;

class AttachmentStoreTest {

  @TempDir Path shared;
  @TempDir Path nodeDir;
  DataSource db;
  AttachmentStore store;
  String id = RecordId.newId();

  @BeforeEach
  void open() {
    // The shared database of the nodes, for the attachment name locks.
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=20000");
    db = new ChangeLogDatabase(h2, "h2").dataSource;
    store = store("node-t", DurableRename.DEFAULT);
  }

  /** A node's store: its own journal, the shared directory and the shared database. */
  AttachmentStore store(String node, DurableRename rename) {
    return new AttachmentStore(
        new RecordFolderLayout(shared),
        new UploadJournal(node.equals("node-t") ? nodeDir : nodeDir.resolve(node)),
        new AttachmentNameLocks(
            JdbcClient.create(db), new TransactionTemplate(new DataSourceTransactionManager(db))),
        rename,
        node);
  }

  @Test
  void storesListsFindsAndDeletesWithChecksumAndType() throws Exception {
    byte[] content = "hello, catalog".getBytes();
    Attachment a =
        store.store(
            id, name("readme.txt"), Visibility.PUBLIC, new ByteArrayInputStream(content), 1000);
    assertThat(a.size()).isEqualTo(content.length);
    assertThat(a.sha256()).isEqualTo(sha256(content));
    assertThat(a.contentType()).startsWith("text/plain");
    Path file = shared.resolve(RecordFolderLayout.relativeFolder(id)).resolve("public/readme.txt");
    assertThat(file).hasBinaryContent(content);
    assertThat(store.list(id, List.of(Visibility.values())))
        .extracting(Attachment::name)
        .containsExactly("readme.txt");
    assertThat(store.find(id, name("readme.txt")).orElseThrow().file()).isEqualTo(file);
    assertThat(store.delete(id, name("readme.txt"))).isTrue();
    assertThat(store.delete(id, name("readme.txt"))).isFalse();
    assertThat(file).doesNotExist();
  }

  @Test
  void storingANameThatExistsWithTheOtherVisibilityIsRefusedAndKeepsTheFile() throws Exception {
    store.store(id, name("x.bin"), Visibility.PUBLIC, bytes(10), 100);
    assertThatThrownBy(() -> store.store(id, name("x.bin"), Visibility.PRIVATE, bytes(20), 100))
        .isInstanceOf(ErrorResponseException.class)
        .hasMessageContaining("409")
        .hasMessageContaining("public attachment 'x.bin'");
    assertThat(store.list(id, List.of(Visibility.values())))
        .extracting(Attachment::visibility, Attachment::size)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(Visibility.PUBLIC, 10L));
    assertThat(store.delete(id, name("x.bin"))).isTrue();
    store.store(id, name("x.bin"), Visibility.PRIVATE, bytes(20), 100);
    assertThat(store.list(id, List.of(Visibility.PUBLIC))).isEmpty();
    assertThat(
            filesUnder(shared).stream()
                .filter(f -> f.getFileName().toString().startsWith(".upload-")))
        .isEmpty();
  }

  /**
   * Three uploads of one name on three nodes: a public one on node 1 that pauses right after its
   * file is in place, a public one on node 3 that replaces it and is accepted, and a private one on
   * node 2 that passed its first check before either existed. Whatever the private upload does, the
   * accepted public file must stay. (Before the name locks, node 1 looked again after its rename,
   * saw node 2's private file and "withdrew its own" file by deleting the name: node 3's accepted
   * file. Node 2 then found no public file and was accepted too.)
   */
  @Test
  void anUploadRefusedForAClashNeverRemovesTheFileOfAnotherAcceptedUpload() throws Exception {
    AttachmentName plan = name("plan.pdf");
    CountDownLatch node1InPlace = new CountDownLatch(1);
    CountDownLatch node1Go = new CountDownLatch(1);
    CountDownLatch node2InPlace = new CountDownLatch(1);
    CountDownLatch node2Go = new CountDownLatch(1);
    AttachmentStore node1 = store("node-1", pausingAfterRename(node1InPlace, node1Go));
    AttachmentStore node2 = store("node-2", pausingAfterRename(node2InPlace, node2Go));
    AttachmentStore node3 = store("node-3", DurableRename.DEFAULT);
    CountDownLatch node2Reading = new CountDownLatch(1);
    CountDownLatch node2Body = new CountDownLatch(1);
    InputStream slowBody =
        new ByteArrayInputStream("private plan".getBytes(StandardCharsets.UTF_8)) {
          @Override
          public synchronized int read(byte[] b, int off, int len) {
            node2Reading.countDown();
            try {
              node2Body.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              return -1;
            }
            return super.read(b, off, len);
          }
        };
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<Integer> privateUpload =
          pool.submit(() -> status(() -> node2.store(id, plan, Visibility.PRIVATE, slowBody, 100)));
      assertThat(node2Reading.await(1, TimeUnit.MINUTES)).isTrue();
      Future<Integer> first =
          pool.submit(
              () -> status(() -> node1.store(id, plan, Visibility.PUBLIC, text("v1"), 100)));
      assertThat(node1InPlace.await(1, TimeUnit.MINUTES)).isTrue();
      assertThat(status(() -> node3.store(id, plan, Visibility.PUBLIC, text("v2"), 100)))
          .isEqualTo(201);

      node2Body.countDown();
      // The private upload is refused now, or (without name locks) put its file in place.
      await()
          .atMost(Duration.ofMinutes(1))
          .until(() -> privateUpload.isDone() || node2InPlace.getCount() == 0);
      node1Go.countDown();
      int firstStatus = first.get();
      node2Go.countDown();
      int privateStatus = privateUpload.get();

      Path folder = shared.resolve(RecordFolderLayout.relativeFolder(id));
      assertThat(folder.resolve("public/plan.pdf")).as("node 3's accepted file").hasContent("v2");
      assertThat(folder.resolve("private/plan.pdf")).doesNotExist();
      assertThat(privateStatus).isEqualTo(409);
      assertThat(firstStatus).isEqualTo(201);
    } finally {
      node1Go.countDown();
      node2Go.countDown();
      node2Body.countDown();
      pool.shutdownNow();
    }
  }

  /** A rename that signals once the file is in place, then waits before going on. */
  private static DurableRename pausingAfterRename(CountDownLatch inPlace, CountDownLatch go) {
    return new DurableRename(
        folder -> {
          inPlace.countDown();
          try {
            go.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return FileChannel.open(folder, StandardOpenOption.READ);
        });
  }

  /** 201 for a stored upload, else the status of the problem it was refused with. */
  private static int status(Callable<Attachment> upload) throws Exception {
    try {
      upload.call();
      return 201;
    } catch (ErrorResponseException refused) {
      return refused.getStatusCode().value();
    }
  }

  private static InputStream text(String content) {
    return new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void oversizedUploadIsStoppedWhileStreamingAndLeavesNothing() throws Exception {
    CountingStream endless = new CountingStream(10_000_000);
    assertThatThrownBy(() -> store.store(id, name("big.bin"), Visibility.PUBLIC, endless, 100_000))
        .isInstanceOf(ErrorResponseException.class)
        .hasMessageContaining("413");
    assertThat(endless.read).isLessThan(100_000 + 128 * 1024);
    assertThat(filesUnder(shared)).isEmpty();
    assertThat(filesUnder(nodeDir)).isEmpty();
  }

  @Test
  void aReplacedFileIsAlwaysOneWholeUploadNeverAMix() throws Exception {
    int writers = 6;
    int size = 300_000;
    List<byte[]> contents = new ArrayList<>();
    List<String> sums = new ArrayList<>();
    for (int i = 0; i < writers; i++) {
      byte[] c = new byte[size];
      new Random(i).nextBytes(c);
      contents.add(c);
      sums.add(sha256(c));
    }
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Attachment>> results = new ArrayList<>();
    for (byte[] c : contents) {
      results.add(
          pool.submit(
              () -> {
                start.await();
                return store.store(
                    id, name("same.bin"), Visibility.PUBLIC, new ByteArrayInputStream(c), size);
              }));
    }
    start.countDown();
    for (Future<Attachment> f : results) {
      assertThat(f.get().sha256()).isIn(sums);
    }
    pool.shutdown();
    Path file = store.find(id, name("same.bin")).orElseThrow().file();
    assertThat(sums).contains(sha256(Files.readAllBytes(file)));
    assertThat(store.list(id, List.of(Visibility.values()))).hasSize(1);
    assertThat(filesUnder(shared)).containsExactly(file);
  }

  @Test
  void journalRemovesTheTemporaryFileOfAnUploadThatNeverFinished() throws Exception {
    UploadJournal journal = new UploadJournal(nodeDir);
    Path folder = Files.createDirectories(shared.resolve("g0/00/00/x/public"));
    Path temp = Files.writeString(folder.resolve(".upload-node-t-1.tmp"), "half");
    journal.begin(temp); // the node dies here, before end()
    Path otherNodesUpload = Files.writeString(folder.resolve(".upload-node-u-2.tmp"), "busy");
    assertThat(new UploadJournal(nodeDir).recover()).isEqualTo(1);
    assertThat(temp).doesNotExist();
    assertThat(otherNodesUpload).exists();
    assertThat(new UploadJournal(nodeDir).recover()).isZero();
  }

  @Test
  void legacyRecordsUseTheRangeLayout() throws Exception {
    store.store("1234", name("a.txt"), Visibility.PRIVATE, bytes(3), 10);
    assertThat(shared.resolve("01200-01299/1234/private/a.txt")).exists();
    store.deleteAll("1234");
    assertThat(shared.resolve("01200-01299/1234")).doesNotExist();
  }

  private static AttachmentName name(String n) {
    return new AttachmentName(n);
  }

  private static InputStream bytes(int n) {
    return new ByteArrayInputStream(new byte[n]);
  }

  private static List<Path> filesUnder(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile).toList();
    }
  }

  static String sha256(byte[] content) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
  }

  /** An endless source that counts how much was taken from it. */
  private static final class CountingStream extends InputStream {
    private final long length;
    long read;

    CountingStream(long length) {
      this.length = length;
    }

    @Override
    public int read() {
      return read++ < length ? 'x' : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (read >= length) {
        return -1;
      }
      int n = (int) Math.min(len, length - read);
      read += n;
      return n;
    }
  }
}
