package org.spatialcatalog.node.harvest;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse.BodySubscriber;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Collects a response body up to a size limit and remembers when its last bytes arrived, so {@link
 * SourceHttp} can give up on a body that trickles. Past the limit it either fails at once (a
 * success answer: the source sends more than allowed) or keeps only the start and discards the rest
 * (an error page, read only for its excerpt). Written by the HTTP client's threads, read by the
 * waiting worker.
 */
final class CappedBody implements BodySubscriber<byte[]> {

  private final long limit;
  private final boolean failWhenExceeded;
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final CompletableFuture<byte[]> result = new CompletableFuture<>();
  private volatile long lastActivity = System.nanoTime();
  private volatile long received;
  private Flow.Subscription subscription;

  CappedBody(long limit, boolean failWhenExceeded) {
    this.limit = limit;
    this.failWhenExceeded = failWhenExceeded;
  }

  long lastActivity() {
    return lastActivity;
  }

  long received() {
    return received;
  }

  @Override
  public CompletionStage<byte[]> getBody() {
    return result;
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    subscription = s;
    lastActivity = System.nanoTime();
    s.request(1);
  }

  @Override
  public void onNext(List<ByteBuffer> buffers) {
    lastActivity = System.nanoTime();
    for (ByteBuffer b : buffers) {
      int n = b.remaining();
      received += n;
      if (bytes.size() + (long) n > limit) {
        if (failWhenExceeded) {
          subscription.cancel();
          result.completeExceptionally(new SourceHttp.TooLargeException(limit));
          return;
        }
        b.position(b.limit());
        continue;
      }
      byte[] chunk = new byte[n];
      b.get(chunk);
      bytes.write(chunk, 0, n);
    }
    subscription.request(1);
  }

  @Override
  public void onError(Throwable t) {
    result.completeExceptionally(t);
  }

  @Override
  public void onComplete() {
    result.complete(bytes.toByteArray());
  }
}
