package org.spatialcatalog.node.csw;

/**
 * A CSW request that cannot be answered, with the OWS exception code, the locator (usually the
 * parameter at fault) and the HTTP status the report is sent with.
 */
class CswException extends RuntimeException {

  static final String MISSING = "MissingParameterValue";
  static final String INVALID = "InvalidParameterValue";
  static final String NOT_SUPPORTED = "OperationNotSupported";
  static final String VERSION = "VersionNegotiationFailed";
  static final String NO_CODE = "NoApplicableCode";

  private final String code;
  private final String locator;
  private final int status;

  CswException(String code, String locator, String message) {
    this(code, locator, message, NO_CODE.equals(code) ? 500 : 400);
  }

  CswException(String code, String locator, String message, int status) {
    super(message);
    this.code = code;
    this.locator = locator;
    this.status = status;
  }

  static CswException missing(String parameter) {
    return new CswException(MISSING, parameter, "parameter '" + parameter + "' is missing");
  }

  static CswException invalid(String parameter, String message) {
    return new CswException(INVALID, parameter, message);
  }

  String code() {
    return code;
  }

  String locator() {
    return locator;
  }

  int status() {
    return status;
  }
}
