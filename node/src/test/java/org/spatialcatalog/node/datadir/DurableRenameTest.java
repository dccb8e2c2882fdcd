package org.spatialcatalog.node.datadir;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rename that puts an upload in place is followed by a force of its folder, observed on the
 * real folder channel: without that force this test fails.
 */
class DurableRenameTest {

  @TempDir Path folder;

  /** What was forced, and whether the renamed file was already in place at that moment. */
  record Force(Path folder, boolean metaData, boolean targetInPlace, boolean tempGone) {}

  @Test
  void theFolderIsForcedToDiskAfterTheRename() throws Exception {
    Path temp = Files.writeString(folder.resolve(".upload-x.tmp"), "content");
    Path target = folder.resolve("data.txt");
    List<Force> forces = new ArrayList<>();
    DurableRename rename =
        new DurableRename(
            dir ->
                new ObservedChannel(
                    FileChannel.open(dir, StandardOpenOption.READ),
                    metaData ->
                        forces.add(
                            new Force(
                                dir, metaData, Files.exists(target), Files.notExists(temp)))));

    rename.move(temp, target);

    assertThat(target).hasContent("content");
    assertThat(temp).doesNotExist();
    assertThat(forces).containsExactly(new Force(folder, true, true, true));
  }

  @Test
  void theRealFolderChannelOfThisPlatformCanBeForced() throws Exception {
    // The default opener is what production uses; on Linux a folder opens and forces.
    try (FileChannel dir = FileChannel.open(folder, StandardOpenOption.READ)) {
      dir.force(true);
    }
    Path temp = Files.writeString(folder.resolve(".upload-y.tmp"), "y");
    DurableRename.DEFAULT.move(temp, folder.resolve("y.txt"));
    assertThat(folder.resolve("y.txt")).hasContent("y");
  }

  interface ForceListener {
    void forced(boolean metaData);
  }

  /** A real file channel that reports each {@link #force} before doing it. */
  static final class ObservedChannel extends FileChannel {
    private final FileChannel real;
    private final ForceListener listener;

    ObservedChannel(FileChannel real, ForceListener listener) {
      this.real = real;
      this.listener = listener;
    }

    @Override
    public void force(boolean metaData) throws IOException {
      listener.forced(metaData);
      real.force(metaData);
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
      return real.read(dst);
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
      return real.read(dsts, offset, length);
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
      return real.write(src);
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
      return real.write(srcs, offset, length);
    }

    @Override
    public long position() throws IOException {
      return real.position();
    }

    @Override
    public FileChannel position(long newPosition) throws IOException {
      real.position(newPosition);
      return this;
    }

    @Override
    public long size() throws IOException {
      return real.size();
    }

    @Override
    public FileChannel truncate(long size) throws IOException {
      real.truncate(size);
      return this;
    }

    @Override
    public long transferTo(long position, long count, WritableByteChannel target)
        throws IOException {
      return real.transferTo(position, count, target);
    }

    @Override
    public long transferFrom(ReadableByteChannel src, long position, long count)
        throws IOException {
      return real.transferFrom(src, position, count);
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
      return real.read(dst, position);
    }

    @Override
    public int write(ByteBuffer src, long position) throws IOException {
      return real.write(src, position);
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
      return real.map(mode, position, size);
    }

    @Override
    public FileLock lock(long position, long size, boolean shared) throws IOException {
      return real.lock(position, size, shared);
    }

    @Override
    public FileLock tryLock(long position, long size, boolean shared) throws IOException {
      return real.tryLock(position, size, shared);
    }

    @Override
    protected void implCloseChannel() throws IOException {
      real.close();
    }
  }
}
