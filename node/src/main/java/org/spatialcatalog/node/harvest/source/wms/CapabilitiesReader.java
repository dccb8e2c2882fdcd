package org.spatialcatalog.node.harvest.source.wms;

import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.spatialcatalog.index.Bbox;
import org.spatialcatalog.node.harvest.source.RecordSplitter;
import org.spatialcatalog.node.harvest.source.SourceException;
import org.spatialcatalog.node.xml.SecureXml;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Reads a WMS capabilities document (1.1.1 or 1.3.0) from a stream while it arrives, keeping only
 * what the records are made of: per named layer its name, title, abstract, keywords and geographic
 * box (or its nearest ancestor's), and the small {@code Service} and {@code Capability/Request}
 * sections (for the contact and the service URL). Everything else, the bulk of a large server's
 * capabilities (CRS lists, styles, dimensions, metadata URLs of thousands of layers), is read past
 * without being kept; no DOM of the document exists.
 *
 * <p>Guarantees: layers come in document order, a parent before its children (WMS puts a layer's
 * own elements before its child layers, so a parent's box is known when a child starts). The reader
 * comes from {@link SecureXml#harvestInputFactory()} and a DOCTYPE declaring entities is refused as
 * {@link RecordSplitter} refuses it; the 1.1.1 DOCTYPE is passed over without reading its DTD. A
 * {@code Service} or {@code Request} section larger than {@code limit} characters fails the
 * document. Not thread-safe; one per document.
 */
final class CapabilitiesReader {

  private static final ThreadLocal<XMLInputFactory> FACTORIES =
      ThreadLocal.withInitial(SecureXml::harvestInputFactory);
  private static final ThreadLocal<javax.xml.parsers.DocumentBuilder> BUILDERS =
      ThreadLocal.withInitial(SecureXml::documentBuilder);

  /** What a capabilities document says: its root's name, layers, Service and Request sections. */
  record Read(
      String root,
      String exception,
      boolean capability,
      List<WmsSource.Layer> layers,
      Element service,
      Element request) {}

  /** A layer being read; emitted once its own elements are read. */
  private static final class Open {
    final Bbox inherited;
    final int depth;
    String name;
    String title;
    String abstractText;
    final List<String> keywords = new ArrayList<>();
    Bbox bbox;
    boolean emitted;

    Open(Bbox inherited, int depth) {
      this.inherited = inherited;
      this.depth = depth;
    }

    Bbox effectiveBbox() {
      return bbox != null ? bbox : inherited;
    }
  }

  private final long limit;
  private final List<WmsSource.Layer> layers = new ArrayList<>();
  private final Deque<Open> open = new ArrayDeque<>();

  CapabilitiesReader(long limit) {
    this.limit = limit;
  }

  Read read(InputStream body) throws SourceException {
    try {
      XMLStreamReader r = FACTORIES.get().createXMLStreamReader(body);
      try {
        return read(r);
      } finally {
        r.close();
      }
    } catch (XMLStreamException e) {
      throw new SourceException("WMS capabilities is not readable XML: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      if (e.getCause() instanceof XMLStreamException x) {
        throw new SourceException("WMS capabilities is not readable XML: " + x.getMessage(), x);
      }
      throw e;
    }
  }

  private Read read(XMLStreamReader r) throws XMLStreamException, SourceException {
    String root = null;
    StringBuilder exception = null;
    Element service = null;
    Element request = null;
    // Depth of the current element: 1 the root, 2 Service and Capability, 3 Request and Layer.
    int depth = 0;
    boolean inCapability = false;
    boolean capability = false;
    while (r.hasNext()) {
      int event = r.next();
      if (event == XMLStreamConstants.DTD) {
        RecordSplitter.refuseEntityDeclarations(r.getText());
      } else if (event == XMLStreamConstants.CHARACTERS && exception != null) {
        if (exception.length() < 2000) {
          exception.append(r.getText());
        }
      } else if (event == XMLStreamConstants.END_ELEMENT) {
        if (depth == 2 && "Capability".equals(r.getLocalName())) {
          inCapability = false;
        } else if (!open.isEmpty() && open.peek().depth == depth) {
          emit(open.pop());
        }
        depth--;
      } else if (event == XMLStreamConstants.START_ELEMENT) {
        depth++;
        String name = r.getLocalName();
        if (depth == 1) {
          root = name;
          if ("ServiceExceptionReport".equals(name) || "ExceptionReport".equals(name)) {
            exception = new StringBuilder();
          }
        } else if (depth == 2 && "Service".equals(name)) {
          service = subtree(r, "Service");
          depth--;
        } else if (depth == 2 && "Capability".equals(name)) {
          inCapability = true;
          capability = true;
        } else if (inCapability && depth == 3 && "Request".equals(name)) {
          request = subtree(r, "Capability/Request");
          depth--;
        } else if (inCapability && "Layer".equals(name) && depth == layerDepth()) {
          Open parent = open.peek();
          if (parent != null) {
            // Its own elements are read: children come after them.
            emit(parent);
          }
          open.push(new Open(parent == null ? null : parent.effectiveBbox(), depth));
        } else if (!open.isEmpty()
            && depth == open.peek().depth + 1
            && layerChild(r, open.peek(), name)) {
          depth--;
        }
      }
    }
    return new Read(
        root,
        exception == null ? null : exception.toString().trim(),
        capability,
        layers,
        service,
        request);
  }

  /** Where a layer may start: a child of Capability, or of the innermost open layer. */
  private int layerDepth() {
    return open.isEmpty() ? 3 : open.peek().depth + 1;
  }

  /**
   * Reads a direct child of the open layer that records are made of, through its end; false for any
   * other element, which the main loop reads past.
   */
  private boolean layerChild(XMLStreamReader r, Open layer, String name) throws XMLStreamException {
    switch (name) {
      case "Name" -> layer.name = text(r);
      case "Title" -> layer.title = text(r);
      case "Abstract" -> layer.abstractText = text(r);
      case "KeywordList" -> {
        while (r.nextTag() == XMLStreamConstants.START_ELEMENT) {
          if ("Keyword".equals(r.getLocalName())) {
            String k = text(r);
            if (k != null) {
              layer.keywords.add(k);
            }
          } else {
            skip(r);
          }
        }
      }
      case "EX_GeographicBoundingBox" -> {
        String[] v = new String[4];
        while (r.nextTag() == XMLStreamConstants.START_ELEMENT) {
          String child = r.getLocalName();
          String t = text(r);
          switch (child) {
            case "westBoundLongitude" -> v[0] = t;
            case "southBoundLatitude" -> v[1] = t;
            case "eastBoundLongitude" -> v[2] = t;
            case "northBoundLatitude" -> v[3] = t;
            default -> {
              // Nothing else belongs in the box.
            }
          }
        }
        Bbox b = bbox(v[0], v[1], v[2], v[3]);
        if (b != null) {
          layer.bbox = b;
        }
      }
      case "LatLonBoundingBox" -> {
        Bbox b =
            bbox(
                r.getAttributeValue(null, "minx"),
                r.getAttributeValue(null, "miny"),
                r.getAttributeValue(null, "maxx"),
                r.getAttributeValue(null, "maxy"));
        // 1.3.0 names its box EX_GeographicBoundingBox; a 1.1.1 one never overrides it.
        if (b != null && layer.bbox == null) {
          layer.bbox = b;
        }
        skip(r);
      }
      default -> {
        return false;
      }
    }
    return true;
  }

  private void emit(Open layer) {
    if (layer.emitted) {
      return;
    }
    layer.emitted = true;
    if (layer.name != null) {
      layers.add(
          new WmsSource.Layer(
              layer.name,
              layer.title == null ? layer.name : layer.title,
              layer.abstractText,
              List.copyOf(layer.keywords),
              layer.effectiveBbox()));
    }
  }

  /** The trimmed text of a text-only element, null when empty; the reader ends at its end. */
  private static String text(XMLStreamReader r) throws XMLStreamException {
    StringBuilder t = new StringBuilder();
    readToEnd(r, t);
    String s = t.toString().trim();
    return s.isEmpty() ? null : s;
  }

  /** Reads past the element the reader is at the start of, through its end. */
  private static void skip(XMLStreamReader r) throws XMLStreamException {
    readToEnd(r, null);
  }

  /**
   * Reads through the end of the element the reader is at the start of, adding its text to {@code
   * text} unless that is null (a skipped element's text is never held).
   */
  private static void readToEnd(XMLStreamReader r, StringBuilder text) throws XMLStreamException {
    int level = 1;
    while (level > 0) {
      int e = r.next();
      if (e == XMLStreamConstants.START_ELEMENT) {
        level++;
      } else if (e == XMLStreamConstants.END_ELEMENT) {
        level--;
      } else if (text != null
          && (e == XMLStreamConstants.CHARACTERS || e == XMLStreamConstants.CDATA)) {
        text.append(r.getText());
      }
    }
  }

  /** The element the reader is at the start of, through its end, as a small DOM. */
  private Element subtree(XMLStreamReader r, String what)
      throws XMLStreamException, SourceException {
    Document doc = BUILDERS.get().newDocument();
    doc.setStrictErrorChecking(false);
    Element root = element(doc, r);
    doc.appendChild(root);
    Node current = root;
    long size = 0;
    int level = 1;
    while (level > 0) {
      int e = r.next();
      if (e == XMLStreamConstants.START_ELEMENT) {
        level++;
        Element child = element(doc, r);
        current.appendChild(child);
        current = child;
        size += r.getLocalName().length();
      } else if (e == XMLStreamConstants.END_ELEMENT) {
        level--;
        if (level > 0) {
          current = current.getParentNode();
        }
      } else if (e == XMLStreamConstants.CHARACTERS || e == XMLStreamConstants.CDATA) {
        current.appendChild(doc.createTextNode(r.getText()));
        size += r.getTextLength();
      }
      if (size > limit) {
        throw new SourceException(
            "WMS capabilities: the "
                + what
                + " section is larger than "
                + limit
                + " characters (catalog.max-record-size)");
      }
    }
    return root;
  }

  private static Element element(Document doc, XMLStreamReader r) {
    String ns = r.getNamespaceURI();
    Element e = doc.createElementNS(ns == null || ns.isEmpty() ? null : ns, r.getLocalName());
    for (int i = 0; i < r.getAttributeCount(); i++) {
      String ans = r.getAttributeNamespace(i);
      String prefix = r.getAttributePrefix(i);
      e.setAttributeNS(
          ans == null || ans.isEmpty() ? null : ans,
          prefix == null || prefix.isEmpty()
              ? r.getAttributeLocalName(i)
              : prefix + ":" + r.getAttributeLocalName(i),
          r.getAttributeValue(i));
    }
    return e;
  }

  private static Bbox bbox(String w, String s, String e, String n) {
    try {
      return new Bbox(num(w), num(s), num(e), num(n));
    } catch (RuntimeException malformed) {
      // A layer with a broken box is still worth a record; it just has no extent.
      return null;
    }
  }

  private static double num(String text) {
    return Double.parseDouble(text.trim());
  }
}
