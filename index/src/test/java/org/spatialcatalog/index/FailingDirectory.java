package org.spatialcatalog.index;

import java.io.IOException;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FilterDirectory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.IndexOutput;

/** A directory that refuses to create files once armed, like a disk that became read-only. */
final class FailingDirectory extends FilterDirectory {

  private volatile boolean armed;

  FailingDirectory(Directory in) {
    super(in);
  }

  void arm() {
    armed = true;
  }

  @Override
  public IndexOutput createOutput(String name, IOContext context) throws IOException {
    if (armed) {
      throw new IOException("simulated disk failure creating " + name);
    }
    return super.createOutput(name, context);
  }
}
