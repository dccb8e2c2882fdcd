package org.spatialcatalog.node.harvest.source;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.spatialcatalog.node.harvest.StubServer;
import org.spatialcatalog.node.harvest.definition.HarvestProperties;
import org.spatialcatalog.node.harvest.job.RunningJob;
import org.springframework.util.unit.DataSize;

/**
 * What the source tests of the protocol packages need from this package: harvest settings and a
 * {@link SourceAccess} with a real HTTP client, for reading a {@link StubServer} without a node.
 */
public final class TestAccess {

  private TestAccess() {}

  /** The defaults of {@code catalog.harvest.*}, with quick retries. */
  public static HarvestProperties properties() {
    return properties(
        Duration.ofSeconds(10),
        Duration.ofMinutes(1),
        DataSize.ofMegabytes(200),
        3,
        Duration.ofSeconds(30));
  }

  public static HarvestProperties properties(
      Duration httpTimeout,
      Duration requestDeadline,
      DataSize maxResponseSize,
      int retries,
      Duration retryHorizon) {
    return properties(
        httpTimeout, requestDeadline, maxResponseSize, retries, retryHorizon, List.of());
  }

  /** The defaults, with these folder roots. */
  public static HarvestProperties properties(List<java.nio.file.Path> folderRoots) {
    return properties(
        Duration.ofSeconds(10),
        Duration.ofMinutes(1),
        DataSize.ofMegabytes(200),
        3,
        Duration.ofSeconds(30),
        folderRoots);
  }

  private static HarvestProperties properties(
      Duration httpTimeout,
      Duration requestDeadline,
      DataSize maxResponseSize,
      int retries,
      Duration retryHorizon,
      List<java.nio.file.Path> folderRoots) {
    return new HarvestProperties(
        2,
        4,
        Duration.ofSeconds(30),
        Duration.ofSeconds(1),
        Duration.ofSeconds(5),
        Duration.ofMinutes(2),
        Duration.ofSeconds(10),
        Duration.ofMinutes(5),
        100,
        100,
        httpTimeout,
        requestDeadline,
        maxResponseSize,
        retries,
        retryHorizon,
        Duration.ofMillis(50),
        Duration.ofSeconds(1),
        20,
        Duration.ofHours(6),
        0.3,
        Duration.ofDays(30),
        folderRoots,
        List.of(),
        "catalog@localhost");
  }

  /** An access for one pretend job, reading pages of {@code pageSize}. */
  public static SourceAccess access(int pageSize, HarvestProperties properties) {
    return access(pageSize, properties, null);
  }

  /** An access for a job whose harvester last succeeded in a run started at {@code since}. */
  public static SourceAccess access(
      int pageSize, HarvestProperties properties, java.time.Instant since) {
    // The default of catalog.max-record-size.
    return access(pageSize, properties, since, DataSize.ofMegabytes(20).toBytes());
  }

  /** An access whose records may be at most {@code maxRecordSize} characters. */
  public static SourceAccess access(
      int pageSize, HarvestProperties properties, java.time.Instant since, long maxRecordSize) {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    RunningJob job = new RunningJob("test-job", "test-harvester", 1);
    return new SourceAccess(
        new SourceHttp(client, job, properties, Clock.systemUTC()),
        pageSize,
        List.of(),
        since,
        maxRecordSize);
  }

  public static SourceAccess access(int pageSize) {
    return access(pageSize, properties());
  }
}
