package org.spatialcatalog.node.harvest.source;

import org.w3c.dom.Element;

/**
 * One record as a source returned it.
 *
 * @param position where in the source it was (for failure reports): "startPosition 201 #3"
 * @param remoteId the source's id for it; null to use the record's own uuid
 * @param changeMarker what the source says about its version (a change date, a version number);
 *     null when the source says nothing, in which case the content hash decides
 * @param xml the record, or null when the source returned an error for it
 * @param element the record as the source's answer was parsed, {@code xml} being its serialization,
 *     so the importer need not parse the text again; null when the source gave text only
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
    Element element,
    String error,
    boolean deleted) {

  public static SourceItem record(
      String position, String remoteId, String changeMarker, String xml) {
    return new SourceItem(position, remoteId, changeMarker, xml, null, null, false);
  }

  /**
   * A record cut out of a parsed answer: its text is {@link SourceXml#standalone} of {@code
   * element}, and the element is kept with it.
   */
  public static SourceItem cut(
      String position, String remoteId, String changeMarker, Element element)
      throws SourceException {
    return new SourceItem(
        position, remoteId, changeMarker, SourceXml.standalone(element), element, null, false);
  }

  public static SourceItem failure(String position, String remoteId, String error) {
    return new SourceItem(position, remoteId, null, null, null, error, false);
  }

  public static SourceItem deletion(String position, String remoteId) {
    return new SourceItem(position, remoteId, null, null, null, null, true);
  }
}
