package org.spatialcatalog.node.harvest;

import java.io.IOException;
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

/**
 * HTTP GET for one job's reader, bounded in time and size, with retries.
 *
 * <p>Guarantees: a request ends within {@code catalog.harvest.request-deadline} from sending it to
 * the last byte of its answer, and is given up when no byte arrives for {@code
 * catalog.harvest.http-timeout} (a body that trickles cannot hold a job forever); an answer larger
 * than {@code catalog.harvest.max-response-size} is refused while it arrives, never held whole.
 * Source errors (5xx, 408, 429, connection errors, timeouts) are retried with exponential back-off,
 * waiting at least what a {@code Retry-After} header asks, for at most {@code
 * catalog.harvest.retries} retries and no longer than {@code catalog.harvest.retry-horizon} after
 * the first failure. A 4xx answer is not retried: it means the definition is wrong. Every request
 * is registered with the job, so aborting the job cancels it at once; waits between retries end at
 * once too.
 */
public final class SourceHttp {

  private static final Logger log = LoggerFactory.getLogger(SourceHttp.class);
  private static final long POLL_MILLIS = 100;

  private final HttpClient client;
  private final RunningJob job;
  private final HarvestProperties properties;
  private final Clock clock;

  SourceHttp(HttpClient client, RunningJob job, HarvestProperties properties, Clock clock) {
    this.client = client;
    this.job = job;
    this.properties = properties;
    this.clock = clock;
  }

  /** GETs {@code uri} and returns the body as UTF-8 text (for JSON sources). */
  public String get(URI uri, String accept) throws SourceException, InterruptedException {
    return new String(fetch(uri, accept), StandardCharsets.UTF_8);
  }

  /** GETs {@code uri} and returns the body's bytes, undecoded (XML declares its encoding). */
  public byte[] fetch(URI uri, String accept) throws SourceException, InterruptedException {
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
          return answer.body();
        }
        lastProblem = "HTTP " + status;
        if (status < 500 && status != 429 && status != 408) {
          throw new SourceException(
              "GET " + uri + " answered HTTP " + status + ": " + excerpt(answer.body()));
        }
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

  /** A complete answer. */
  private record Answer(int status, byte[] body, String retryAfter) {}

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
    CappedBody[] body = new CappedBody[1];
    CompletableFuture<HttpResponse<byte[]>> future =
        client.sendAsync(
            request,
            info -> {
              // An error page is only needed for its excerpt; a success may be as large as allowed.
              CappedBody b =
                  new CappedBody(
                      info.statusCode() < 300 ? limit : 64 * 1024, info.statusCode() < 300);
              body[0] = b;
              return b;
            });
    job.track(future);
    long started = System.nanoTime();
    long deadline = started + properties.requestDeadline().toNanos();
    try {
      while (true) {
        try {
          HttpResponse<byte[]> response = future.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
          return new Answer(
              response.statusCode(),
              response.body(),
              response.headers().firstValue("Retry-After").orElse(null));
        } catch (TimeoutException stillWaiting) {
          long now = System.nanoTime();
          CappedBody b = body[0];
          long lastByte = b == null ? started : Math.max(started, b.lastActivity());
          if (now - deadline > 0) {
            future.cancel(true);
            throw new HttpTimeoutException(
                "no complete answer within "
                    + properties.requestDeadline()
                    + " (catalog.harvest.request-deadline)");
          }
          if (b != null && now - lastByte > idle.toNanos()) {
            future.cancel(true);
            throw new HttpTimeoutException(
                "no data for "
                    + idle
                    + " after "
                    + b.received()
                    + " bytes (catalog.harvest.http-timeout)");
          }
        }
      }
    } catch (CancellationException e) {
      job.checkNotAborted();
      throw new IOException("request cancelled");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof TooLargeException tooLarge) {
        throw tooLarge;
      }
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

  private static String excerpt(byte[] body) {
    if (body == null) {
      return "";
    }
    String flat = new String(body, StandardCharsets.UTF_8).replaceAll("\\s+", " ").trim();
    return flat.length() > 200 ? flat.substring(0, 200) + "..." : flat;
  }
}
