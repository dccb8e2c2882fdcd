package org.spatialcatalog.node.csw;

import org.spatialcatalog.node.xml.XmlText;

/** Writes an OWS 1.0.0 {@code ows:ExceptionReport}, the only error answer CSW clients accept. */
final class ExceptionReport {

  private ExceptionReport() {}

  static String of(CswException e) {
    String text = e.getMessage() == null ? e.code() : e.getMessage();
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<ows:ExceptionReport xmlns:ows=\""
        + CswXml.OWS
        + "\" xmlns:xsi=\""
        + CswXml.XSI
        + "\" version=\"1.2.0\" language=\"en\" xsi:schemaLocation=\""
        + CswXml.OWS
        + " http://schemas.opengis.net/ows/1.0.0/owsExceptionReport.xsd\">"
        + "<ows:Exception exceptionCode=\""
        + e.code()
        + "\""
        + (e.locator() == null ? "" : " locator=\"" + XmlText.escape(e.locator()) + "\"")
        + "><ows:ExceptionText>"
        + XmlText.escape(safe(text))
        + "</ows:ExceptionText></ows:Exception></ows:ExceptionReport>";
  }

  // A message quoting client input may hold characters XML cannot carry; drop them, keep the rest.
  private static String safe(String text) {
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints()
        .filter(
            c ->
                c == '\t'
                    || c == '\n'
                    || c >= 0x20 && c != 0xFFFE && c != 0xFFFF && !(c >= 0xD800 && c <= 0xDFFF))
        .forEach(out::appendCodePoint);
    return out.toString();
  }
}
