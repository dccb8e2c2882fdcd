/**
 * Secure construction of the XML parsers and serializers used by the node: the JDK's, and Woodstox
 * StAX readers, chosen for their speed, for stored records and for the pages of harvested sources.
 *
 * <p>Guarantee: every parser obtained from {@link org.spatialcatalog.node.xml.SecureXml} refuses or
 * ignores document type declarations, so DTDs, internal entity definitions (entity expansion
 * attacks such as "billion laughs") and external entities are never processed, and nothing is ever
 * fetched from the network or the file system while reading a document. The one parser that accepts
 * a DOCTYPE, for answers of harvested sources only, never reads the DTD it names and refuses every
 * document that declares an entity, so nothing beyond the predefined entities is ever expanded.
 * Code elsewhere in the node must not create {@code DocumentBuilderFactory}, {@code
 * XMLInputFactory}, {@code SAXParserFactory} or {@code TransformerFactory} instances itself, nor
 * use Woodstox classes directly ({@code ArchitectureTest} checks both).
 */
package org.spatialcatalog.node.xml;
