/**
 * Secure construction of the JDK XML parsers and serializers used by the node.
 *
 * <p>Guarantee: every parser obtained from {@link org.spatialcatalog.node.xml.SecureXml} refuses or
 * ignores document type declarations, so DTDs, internal entity definitions (entity expansion
 * attacks such as "billion laughs") and external entities are never processed, and nothing is ever
 * fetched from the network or the file system while reading a document. Code elsewhere in the node
 * must not create {@code DocumentBuilderFactory}, {@code XMLInputFactory}, {@code SAXParserFactory}
 * or {@code TransformerFactory} instances itself.
 */
package org.spatialcatalog.node.xml;
