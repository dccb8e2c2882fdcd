package org.spatialcatalog.node.datadir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spatialcatalog.config.RecordId;
import org.springframework.web.ErrorResponseException;

class AttachmentStoreTest {

  @TempDir Path shared;
  @TempDir Path nodeDir;
  AttachmentStore store;
  String id = RecordId.newId();

  @BeforeEach
  void open() {
    store =
        new AttachmentStore(new RecordFolderLayout(shared), new UploadJournal(nodeDir), "node-t");
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
