package org.spatialcatalog.node.oai;

/**
 * An OAI-PMH error condition: answered with HTTP 200 and an {@code <error code="...">} element, as
 * the protocol requires (harvesters read the code, not the HTTP status).
 */
final class OaiException extends Exception {

  private final String code;

  OaiException(String code, String message) {
    super(message);
    this.code = code;
  }

  static OaiException badArgument(String message) {
    return new OaiException("badArgument", message);
  }

  static OaiException badResumptionToken(String message) {
    return new OaiException("badResumptionToken", message);
  }

  static OaiException noRecordsMatch() {
    return new OaiException("noRecordsMatch", "no record matches the arguments");
  }

  static OaiException idDoesNotExist(String identifier) {
    return new OaiException("idDoesNotExist", "'" + identifier + "' is unknown in this repository");
  }

  static OaiException cannotDisseminateFormat(String prefix) {
    return new OaiException(
        "cannotDisseminateFormat",
        "metadataPrefix '" + prefix + "' is not supported; use oai_dc or iso19139");
  }

  String code() {
    return code;
  }

  /** Whether the request element must carry no attributes (protocol section 3.2). */
  boolean hidesArguments() {
    return code.equals("badVerb") || code.equals("badArgument");
  }
}
