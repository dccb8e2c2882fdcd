package org.spatialcatalog.node.harvest.source;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spatialcatalog.node.harvest.definition.HarvestProperties;
import org.spatialcatalog.node.harvest.job.RunningJob;

/**
 * HTTP GET for one job's reader, bounded in time and size, with retries.
 *
 * <p>Guarantees: the body of an answer is handed to its reader as a stream while it arrives ({@link
 * #stream}, through a {@link StreamedBody}), never held whole by this class; a read gives up when
 * no byte arrives for {@code catalog.harvest.http-timeout}, and when the time spent waiting for the
 * answer (headers and body, not the reader's own work between reads) passes {@code
 * catalog.harvest.request-deadline}, so a body that trickles cannot hold a job forever; an answer
 * larger than {@code catalog.harvest.max-response-size} is refused while it arrives, counted on the
 * bytes received, and is not retried. Source errors (5xx, 408, 429, connection errors, timeouts)
 * are retried with exponential back-off, waiting at least what a {@code Retry-After} header asks,
 * for at most {@code catalog.harvest.retries} retries and no longer than {@code
 * catalog.harvest.retry-horizon} after the first failure. A 4xx answer is not retried: it means the
 * definition is wrong. Every request is registered with the job, so aborting the job cancels it at
 * once; waits between retries end at once too.
 */
public final class SourceHttp {

  private static final Logger log = LoggerFactory.getLogger(SourceHttp.class);
  private static final long POLL_MILLIS = 100;

  private final HttpClient client;
  private final RunningJob job;
  private final HarvestProperties properties;
  private final Clock clock;

  public SourceHttp(HttpClient client, RunningJob job, HarvestProperties properties, Clock clock) {
    this.client = client;
    this.job = job;
    this.properties = properties;
    this.clock = clock;
  }

  /** GETs {@code uri} and returns the body as UTF-8 text (for JSON sources). */
  public String get(URI uri, String accept) throws SourceException, InterruptedException {
    return new String(fetch(uri, accept), StandardCharsets.UTF_8);
  }

  /**
   * GETs {@code uri} and returns the body's bytes, undecoded (XML declares its encoding): for
   * answers that are small by nature (a record, a JSON page, an Identify answer); they are still
   * capped by {@code catalog.harvest.max-response-size}. Listing pages use {@link #stream}.
   */
  public byte[] fetch(URI uri, String accept) throws SourceException, InterruptedException {
    return stream(uri, accept, InputStream::readAllBytes);
  }

  /** Reads a successful answer's body while it arrives. */
  @FunctionalInterface
  public interface BodyReader<T> {
    /**
     * Reads {@code body}; may be called again for the same request when the exchange failed mid-way
     * and is retried, so what it hands on must tolerate being handed on twice.
     */
    T read(InputStream body) throws IOException, SourceException, InterruptedException;
  }

  /**
   * GETs {@code uri} and hands the body of its successful answer to {@code reader} as a stream
   * while it arrives, within the size cap, the idle timeout and the request deadline. A failure of
   * the exchange (a timeout, a lost connection) is retried like a failed request, the reader
   * starting again on the new answer; a failure of the reader itself (unreadable XML) is not.
   */
  public <T> T stream(URI uri, String accept, BodyReader<T> reader)
      throws SourceException, InterruptedException {
    Duration wait = properties.retryBackoff();
    Instant firstFailure = null;
    String lastProblem = null;
    int retries = properties.retries();
    for (int attempt = 1; ; attempt++) {
      job.checkNotAborted();
      Duration asked = null;
      try {
        Answer answer = send(uri, accept);
        int status = answer.status();
        if (status >= 200 && status < 300) {
          return read(answer.body(), reader);
        }
        lastProblem = "HTTP " + status;
        if (status < 500 && status != 429 && status != 408) {
          throw new SourceException(
              "GET " + uri + " answered HTTP " + status + ": " + excerpt(answer.body()));
        }
        answer.body().getBody().toCompletableFuture().join().close();
        asked = RetryAfter.parse(answer.retryAfter(), Instant.now(clock));
        if (asked != null) {
          lastProblem += " (Retry-After " + answer.retryAfter() + ")";
        }
      } catch (TooLargeException e) {
        throw new SourceException(
            "GET "
                + uri
                + ": the answer exceeds "
                + properties.maxResponseSize()
                + " (catalog.harvest.max-response-size)",
            e);
      } catch (HttpTimeoutException e) {
        lastProblem = e.getMessage();
      } catch (IOException e) {
        lastProblem =
            e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
      }
      Instant now = Instant.now(clock);
      if (firstFailure == null) {
        firstFailure = now;
      }
      Duration pause = asked != null && asked.compareTo(wait) > 0 ? asked : wait;
      Duration spent = Duration.between(firstFailure, now);
      if (attempt > retries || spent.plus(pause).compareTo(properties.retryHorizon()) > 0) {
        throw new SourceException(
            "GET "
                + uri
                + " failed after "
                + attempt
                + " attempts over "
                + spent.toSeconds()
                + " s: "
                + lastProblem
                + " (catalog.harvest.retries "
                + retries
                + ", catalog.harvest.retry-horizon "
                + properties.retryHorizon()
                + ")");
      }
      log.info(
          "job {}: GET {} failed ({}); retry {} of {} in {}",
          job.jobId(),
          uri,
          lastProblem,
          attempt,
          retries,
          pause);
      Thread.sleep(pause.toMillis());
      wait = wait.multipliedBy(2);
      if (wait.compareTo(properties.maxRetryBackoff()) > 0) {
        wait = properties.maxRetryBackoff();
      }
    }
  }

  /**
   * Runs the reader on a body. When the body's stream failed, that failure is what happened, even
   * if the reader reported it as something else (a parser wraps it in a parse error).
   */
  private <T> T read(StreamedBody body, BodyReader<T> reader)
      throws IOException, SourceException, InterruptedException {
    try (InputStream in = body.getBody().toCompletableFuture().join()) {
      return reader.read(in);
    } catch (IOException | SourceException | RuntimeException e) {
      IOException cause = body.failure();
      if (cause == null) {
        throw e;
      }
      if (cause instanceof java.io.InterruptedIOException) {
        job.checkNotAborted();
        if (Thread.interrupted()) {
          throw new InterruptedException(cause.getMessage());
        }
      }
      throw cause;
    }
  }

  /** An answer whose headers arrived; its body is read from {@code body}. */
  private record Answer(int status, StreamedBody body, String retryAfter) {}

  private Answer send(URI uri, String accept) throws IOException, InterruptedException {
    Duration idle = properties.httpTimeout();
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(idle)
            .header("Accept", accept)
            .header("User-Agent", "spatialcatalog-harvester")
            .GET()
            .build();
    long limit = properties.maxResponseSize().toBytes();
    long started = System.nanoTime();
    StreamedBody[] body = new StreamedBody[1];
    CompletableFuture<HttpResponse<InputStream>> future =
        client.sendAsync(
            request,
            info -> {
              body[0] =
                  new StreamedBody(
                      // An error page is read only for its start; closing it cancels the rest.
                      info.statusCode() < 300 ? limit : Long.MAX_VALUE,
                      idle,
                      properties.requestDeadline(),
                      Duration.ofNanos(System.nanoTime() - started),
                      job);
              return body[0];
            });
    job.track(future);
    long deadline = started + properties.requestDeadline().toNanos();
    try {
      while (true) {
        try {
          HttpResponse<InputStream> response = future.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
          return new Answer(
              response.statusCode(),
              body[0],
              response.headers().firstValue("Retry-After").orElse(null));
        } catch (TimeoutException stillWaiting) {
          if (System.nanoTime() - deadline > 0) {
            future.cancel(true);
            throw new HttpTimeoutException(
                "no complete answer within "
                    + properties.requestDeadline()
                    + " (catalog.harvest.request-deadline)");
          }
        }
      }
    } catch (CancellationException e) {
      job.checkNotAborted();
      throw new IOException("request cancelled");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof HttpTimeoutException timeout) {
        throw new HttpTimeoutException(
            "no answer within "
                + idle
                + " (catalog.harvest.http-timeout): "
                + timeout.getMessage());
      }
      if (cause instanceof IOException io) {
        throw io;
      }
      throw new IOException(cause == null ? "request failed" : cause.toString(), cause);
    } catch (InterruptedException e) {
      future.cancel(true);
      throw e;
    } finally {
      job.untrack(future);
    }
  }

  /** An answer larger than allowed. */
  static final class TooLargeException extends IOException {
    TooLargeException(long limit) {
      super("answer larger than " + limit + " bytes");
    }
  }

  /** The start of an error page, flattened; the rest of it is not read. */
  private static String excerpt(StreamedBody body) {
    byte[] start;
    try (InputStream in = body.getBody().toCompletableFuture().join()) {
      start = in.readNBytes(1024);
    } catch (IOException e) {
      return "(unreadable: " + e.getMessage() + ")";
    }
    String flat = new String(start, StandardCharsets.UTF_8).replaceAll("\\s+", " ").trim();
    return flat.length() > 200 ? flat.substring(0, 200) + "..." : flat;
  }
}
