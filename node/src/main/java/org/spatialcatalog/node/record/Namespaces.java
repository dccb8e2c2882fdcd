package org.spatialcatalog.node.record;

/** The XML namespace URIs of the metadata schemas the catalog reads and writes. */
public final class Namespaces {

  public static final String GMD = "http://www.isotc211.org/2005/gmd";
  public static final String GMI = "http://www.isotc211.org/2005/gmi";
  public static final String GCO = "http://www.isotc211.org/2005/gco";
  public static final String GMX = "http://www.isotc211.org/2005/gmx";
  public static final String SRV = "http://www.isotc211.org/2005/srv";
  public static final String GML = "http://www.opengis.net/gml";
  public static final String CSW = "http://www.opengis.net/cat/csw/2.0.2";
  public static final String OAI_DC = "http://www.openarchives.org/OAI/2.0/oai_dc/";
  public static final String DC = "http://purl.org/dc/elements/1.1/";
  public static final String DCT = "http://purl.org/dc/terms/";
  public static final String OWS = "http://www.opengis.net/ows";
  public static final String XLINK = "http://www.w3.org/1999/xlink";
  public static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";

  private Namespaces() {}
}
