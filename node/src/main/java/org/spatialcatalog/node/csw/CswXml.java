package org.spatialcatalog.node.csw;

import org.spatialcatalog.node.record.Namespaces;

/** Namespace URIs and the schema locations the answers cite. */
final class CswXml {

  static final String CSW = Namespaces.CSW;
  static final String OWS = Namespaces.OWS;
  static final String OGC = "http://www.opengis.net/ogc";
  static final String GML = Namespaces.GML;
  static final String DC = Namespaces.DC;
  static final String DCT = Namespaces.DCT;
  static final String GMD = Namespaces.GMD;
  static final String GCO = Namespaces.GCO;
  static final String XSI = Namespaces.XSI;
  static final String XLINK = Namespaces.XLINK;
  static final String XSD = "http://www.w3.org/2001/XMLSchema";
  static final String APISO = "http://www.opengis.net/cat/csw/apiso/1.0";

  static final String CSW_LOCATION =
      CSW + " http://schemas.opengis.net/csw/2.0.2/CSW-discovery.xsd";
  static final String CSW_PUBLICATION =
      CSW + " http://schemas.opengis.net/csw/2.0.2/CSW-publication.xsd";

  /** The namespace declarations of every CSW answer root. */
  static final String CSW_NAMESPACES =
      "xmlns:csw=\""
          + CSW
          + "\" xmlns:dc=\""
          + DC
          + "\" xmlns:dct=\""
          + DCT
          + "\" xmlns:ows=\""
          + OWS
          + "\" xmlns:ogc=\""
          + OGC
          + "\" xmlns:gml=\""
          + GML
          + "\" xmlns:xsi=\""
          + XSI
          + "\"";

  private CswXml() {}
}
