package org.spatialcatalog.node.harvest.source;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.spatialcatalog.node.harvest.job.RunningJob;

/**
 * A response body handed to its reader as an {@link InputStream} while it arrives, bounded in size
 * and time, so a page is parsed as it comes and never held whole.
 *
 * <p>Guarantees: at most one chunk the HTTP client delivered (some kilobytes) waits between the
 * network and the reader, since the next one is asked for only once the reader took the last; the
 * bytes received are counted as they arrive, and past {@code limit} the exchange is cancelled and
 * the reader's next read fails with a {@link SourceHttp.TooLargeException}. A read fails with an
 * {@link HttpTimeoutException} when it has waited {@code idle} for a byte, or when the time spent
 * waiting for this answer (its headers included, the reader's own work between reads not) passes
 * the deadline; with an {@link InterruptedIOException} when the job is aborted or the thread
 * interrupted. Whatever made a read fail is kept in {@link #failure()}, since an XML parser reports
 * it wrapped in a parse error. Closing the stream cancels the rest of the exchange. Written by the
 * HTTP client's threads, read by one worker thread.
 */
final class StreamedBody implements BodySubscriber<InputStream> {

  private static final long POLL_MILLIS = 100;
  private static final Object END = new Object();

  private final long limit;
  private final Duration idle;
  private final Duration deadline;
  private final RunningJob job;
  // Chunks (List<ByteBuffer>), a Throwable, or END. Bounded by demand: one request at a time.
  private final BlockingQueue<Object> arrived = new LinkedBlockingQueue<>();
  private final Stream stream = new Stream();
  private volatile Flow.Subscription subscription;
  private volatile long received;

  /**
   * @param waited how long the answer's headers took, counted against the deadline
   */
  StreamedBody(long limit, Duration idle, Duration deadline, Duration waited, RunningJob job) {
    this.limit = limit;
    this.idle = idle;
    this.deadline = deadline;
    this.job = job;
    stream.waitedNanos = waited.toNanos();
  }

  /** Bytes received so far. */
  long received() {
    return received;
  }

  /** Why a read failed (timeout, size, connection, abort), or null when none did. */
  IOException failure() {
    return stream.failure;
  }

  @Override
  public CompletionStage<InputStream> getBody() {
    return CompletableFuture.completedFuture(stream);
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    subscription = s;
    s.request(1);
  }

  @Override
  public void onNext(List<ByteBuffer> buffers) {
    long n = 0;
    for (ByteBuffer b : buffers) {
      n += b.remaining();
    }
    // Calls of onNext never overlap (Flow: signals are serial), so this read-then-write is safe.
    long total = received + n;
    received = total;
    if (total > limit) {
      subscription.cancel();
      arrived.add(new SourceHttp.TooLargeException(limit));
      return;
    }
    arrived.add(buffers);
  }

  @Override
  public void onError(Throwable t) {
    arrived.add(t);
  }

  @Override
  public void onComplete() {
    arrived.add(END);
  }

  /** The reader's side. */
  private final class Stream extends InputStream {

    private final ArrayDeque<ByteBuffer> current = new ArrayDeque<>();
    private boolean ended;
    private long waitedNanos;
    private volatile IOException failure;

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      if (failure != null) {
        throw failure;
      }
      try {
        while (true) {
          ByteBuffer head = current.peek();
          if (head != null && head.hasRemaining()) {
            int n = Math.min(len, head.remaining());
            head.get(b, off, n);
            return n;
          }
          if (head != null) {
            current.poll();
            if (current.isEmpty() && !ended) {
              subscription.request(1);
            }
            continue;
          }
          if (ended) {
            return -1;
          }
          take();
        }
      } catch (IOException e) {
        failure = e;
        cancel();
        throw e;
      }
    }

    /** Waits for what arrives next, checking the job, the idle timeout and the deadline. */
    @SuppressWarnings("unchecked")
    private void take() throws IOException {
      long started = System.nanoTime();
      while (true) {
        if (job.aborted() != null) {
          throw new InterruptedIOException("job aborted: " + job.aborted());
        }
        Object next;
        try {
          next = arrived.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new InterruptedIOException("interrupted while reading the answer");
        }
        long now = System.nanoTime();
        if (next == null) {
          if (waitedNanos + (now - started) > deadline.toNanos()) {
            throw deadlinePassed();
          }
          if (now - started > idle.toNanos()) {
            throw new HttpTimeoutException(
                "no data for "
                    + idle
                    + " after "
                    + received
                    + " bytes (catalog.harvest.http-timeout)");
          }
          continue;
        }
        waitedNanos += now - started;
        if (next == END) {
          ended = true;
        } else if (next instanceof IOException io) {
          throw io;
        } else if (next instanceof Throwable t) {
          throw new IOException(t.toString(), t);
        } else {
          current.addAll((List<ByteBuffer>) next);
          if (current.isEmpty()) {
            subscription.request(1);
          }
        }
        if (waitedNanos > deadline.toNanos()) {
          throw deadlinePassed();
        }
        return;
      }
    }

    @Override
    public void close() {
      cancel();
    }

    private HttpTimeoutException deadlinePassed() {
      return new HttpTimeoutException(
          "no complete answer within "
              + deadline
              + " (catalog.harvest.request-deadline) after "
              + received
              + " bytes");
    }

    private void cancel() {
      Flow.Subscription s = subscription;
      if (s != null && !ended) {
        s.cancel();
      }
      ended = true;
    }
  }
}
