package org.spatialcatalog.node.harvest.source;

/**
 * One record as a source returned it.
 *
 * @param position where in the source it was (for failure reports): "startPosition 201 #3"
 * @param remoteId the source's id for it; null to use the record's own uuid
 * @param changeMarker what the source says about its version (a change date, a version number);
 *     null when the source says nothing, in which case the content hash decides
 * @param xml the record, or null when the source returned an error for it
 * @param error why the source's answer for this record is unusable, or null
 * @param deleted true when the source reports the record deleted (an OAI-PMH header with status
 *     {@code deleted}); it has no xml. Acted on in incremental listings only: in a complete one, a
 *     deleted record is simply not seen, and vanishes under the removal guards
 */
public record SourceItem(
    String position,
    String remoteId,
    String changeMarker,
    String xml,
    String error,
    boolean deleted) {

  public static SourceItem record(
      String position, String remoteId, String changeMarker, String xml) {
    return new SourceItem(position, remoteId, changeMarker, xml, null, false);
  }

  public static SourceItem failure(String position, String remoteId, String error) {
    return new SourceItem(position, remoteId, null, null, error, false);
  }

  public static SourceItem deletion(String position, String remoteId) {
    return new SourceItem(position, remoteId, null, null, null, true);
  }
}
