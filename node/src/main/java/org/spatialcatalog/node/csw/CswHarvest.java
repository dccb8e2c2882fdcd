package org.spatialcatalog.node.csw;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.spatialcatalog.node.harvest.api.HarvestRequests;
import org.spatialcatalog.node.harvest.definition.InvalidHarvesterException;
import org.spatialcatalog.node.harvest.job.HarvestJob;
import org.spatialcatalog.node.harvest.job.JobState;
import org.spatialcatalog.node.privilege.NotAllowedException;
import org.spatialcatalog.node.user.CurrentUser;
import org.springframework.stereotype.Component;

/**
 * The Harvest operation: {@code Source} (a remote CSW endpoint) becomes a harvester of type {@code
 * csw} named {@code csw:<source>} (created on first use, reused afterwards), asking the source for
 * ISO 19139 when {@code ResourceType} is the gmd namespace and for csw:Record when it is the CSW
 * namespace, and a run is queued on the cluster like any manual run. Without {@code
 * ResponseHandler} the answer waits (at most {@link #SYNC_WAIT}) for the run to end and carries its
 * TransactionSummary ({@code totalInserted} counts records written); with one it is an
 * Acknowledgement whose RequestId is the harvest job id ({@code /api/harvest-jobs/<id>}); the
 * handler itself is not called. Administrators only, as for {@code /api/harvesters}.
 */
@Component
class CswHarvest {

  static final Duration SYNC_WAIT = Duration.ofMinutes(10);

  private final HarvestRequests harvests;

  CswHarvest(HarvestRequests harvests) {
    this.harvests = harvests;
  }

  String harvest(CswRequest r) {
    if (!CurrentUser.get().isAdministrator()) {
      throw new NotAllowedException("Harvest needs the Administrator profile");
    }
    String source = r.isXml() ? text(r, "Source") : r.param("source");
    String type = r.isXml() ? text(r, "ResourceType") : r.param("resourceType");
    String handler = r.isXml() ? text(r, "ResponseHandler") : r.param("responseHandler");
    String interval = r.isXml() ? text(r, "HarvestInterval") : r.param("harvestInterval");
    if (source == null) {
      throw CswException.missing("Source");
    }
    if (type == null) {
      throw CswException.missing("ResourceType");
    }
    String schema;
    if (type.equals(CswXml.GMD)) {
      schema = "iso19139";
    } else if (type.equals(CswXml.CSW)) {
      schema = "csw:Record";
    } else {
      throw CswException.invalid(
          "ResourceType",
          "ResourceType '" + type + "' is not one of " + CswXml.CSW + ", " + CswXml.GMD);
    }
    if (interval != null) {
      throw CswException.invalid(
          "HarvestInterval",
          "periodic harvests are scheduled with"
              + " PUT /api/harvesters/<id> (schedule), not through CSW");
    }
    HarvestJob job;
    try {
      job =
          harvests.run(
              "csw:" + source + " (" + schema + ")", "csw", source, Map.of("outputSchema", schema));
    } catch (InvalidHarvesterException e) {
      throw CswException.invalid("Source", e.getMessage());
    }
    StringBuilder out = new StringBuilder();
    out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<csw:HarvestResponse ")
        .append(CswXml.CSW_NAMESPACES)
        .append(" xsi:schemaLocation=\"")
        .append(CswXml.CSW_PUBLICATION)
        .append("\">");
    if (handler != null) {
      out.append("<csw:Acknowledgement timeStamp=\"")
          .append(Instant.now())
          .append("\">")
          .append("<csw:EchoedRequest>")
          .append(Acknowledgements.echo(r, "Harvest"))
          .append("</csw:EchoedRequest>");
      RecordFormats.element(out, "csw:RequestId", job.id());
      out.append("</csw:Acknowledgement>");
    } else {
      HarvestJob done = awaitEnd(job.id());
      if (done.state() != JobState.SUCCEEDED) {
        throw new CswException(
            CswException.NO_CODE,
            "Source",
            "harvest job "
                + done.id()
                + " ended "
                + done.state()
                + (done.error() == null ? "" : ": " + done.error()));
      }
      out.append("<csw:TransactionResponse version=\"2.0.2\">");
      Transactions.summary(out, (int) done.processed(), 0, (int) done.removed());
      out.append("</csw:TransactionResponse>");
    }
    return out.append("</csw:HarvestResponse>").toString();
  }

  private HarvestJob awaitEnd(String jobId) {
    Instant deadline = Instant.now().plus(SYNC_WAIT);
    while (true) {
      HarvestJob job =
          harvests
              .job(jobId)
              .orElseThrow(
                  () ->
                      new CswException(
                          CswException.NO_CODE, "Source", "harvest job " + jobId + " vanished"));
      if (!job.state().active()) {
        return job;
      }
      if (Instant.now().isAfter(deadline)) {
        throw new CswException(
            CswException.NO_CODE,
            "Source",
            "harvest job "
                + jobId
                + " still "
                + job.state()
                + " after "
                + SYNC_WAIT.toMinutes()
                + " minutes; follow"
                + " it at /api/harvest-jobs/"
                + jobId);
      }
      LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
      if (Thread.interrupted()) {
        Thread.currentThread().interrupt();
        throw new CswException(CswException.NO_CODE, "Source", "interrupted while waiting");
      }
    }
  }

  private static String text(CswRequest r, String name) {
    var e = FilterReader.child(r.root(), name);
    return e == null || e.getTextContent().isBlank() ? null : e.getTextContent().strip();
  }
}
