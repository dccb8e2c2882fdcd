package org.spatialcatalog.node.record;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.util.StreamReaderDelegate;

/**
 * A StAX reader that builds the {@link RecordElement} tree of the events its caller reads, so that
 * one pass over a record both reads its properties ({@link RecordProperties}) and builds the tree
 * its fields are read from ({@link RecordXmlParser}).
 *
 * <p>Every event goes through {@link #next()}: {@link #getElementText()} and {@link #nextTag()} are
 * written in terms of it, with the meaning the StAX interface gives them. {@link #close()} reads
 * what the caller left unread before closing, so the tree is complete and the whole document was
 * checked. The first failure of the underlying reader is kept ({@link #failure()}), whoever caught
 * it, including the errors Woodstox finds in text only when the text is asked for, which it throws
 * unchecked. A DOCTYPE or an entity reference the reader could not expand is a failure too: records
 * may have neither.
 */
final class RecordTreeRecorder extends StreamReaderDelegate {

  private final Deque<RecordElement> open = new ArrayDeque<>();
  private RecordElement root;
  private XMLStreamException failure;
  private boolean replay;

  RecordTreeRecorder(XMLStreamReader reader) {
    super(reader);
  }

  /**
   * Reads up to the root element's start and returns it; the next {@link #next()} returns that
   * start again, so a pass that begins now sees the whole document.
   */
  RecordElement readRoot() throws XMLStreamException {
    while (root == null) {
      if (!hasNext()) {
        throw fail(new XMLStreamException("no root element", getLocation()));
      }
      next();
    }
    replay = true;
    return root;
  }

  /** The root element, null before it was read. */
  RecordElement root() {
    return root;
  }

  /** The first failure of reading, null if there was none. */
  XMLStreamException failure() {
    return failure;
  }

  @Override
  public boolean hasNext() throws XMLStreamException {
    if (replay) {
      return true;
    }
    try {
      return super.hasNext();
    } catch (XMLStreamException e) {
      throw fail(e);
    }
  }

  @Override
  public int next() throws XMLStreamException {
    if (replay) {
      replay = false;
      return getEventType();
    }
    if (failure != null) {
      throw failure;
    }
    int event;
    try {
      event = super.next();
      record(event);
    } catch (XMLStreamException e) {
      throw fail(e);
    } catch (RuntimeException e) {
      // Woodstox reads text lazily: an error in it (an undeclared entity) surfaces when the text
      // is asked for, as an unchecked exception around the parse error.
      if (e.getCause() instanceof XMLStreamException parseError) {
        throw fail(parseError);
      }
      throw e;
    }
    return event;
  }

  @Override
  public int nextTag() throws XMLStreamException {
    int event = next();
    while (event == CHARACTERS && isWhiteSpace()
        || event == CDATA && isWhiteSpace()
        || event == SPACE
        || event == PROCESSING_INSTRUCTION
        || event == COMMENT) {
      event = next();
    }
    if (event != START_ELEMENT && event != END_ELEMENT) {
      throw new XMLStreamException("expected a start or end tag", getLocation());
    }
    return event;
  }

  @Override
  public String getElementText() throws XMLStreamException {
    if (getEventType() != START_ELEMENT) {
      throw new XMLStreamException("not at the start of an element", getLocation());
    }
    StringBuilder text = new StringBuilder();
    for (int event = next(); event != END_ELEMENT; event = next()) {
      switch (event) {
        case CHARACTERS, CDATA, SPACE -> text.append(getText());
        case PROCESSING_INSTRUCTION, COMMENT -> {}
        case START_ELEMENT ->
            throw new XMLStreamException("element text expected, child element found");
        default -> throw new XMLStreamException("unexpected event " + event, getLocation());
      }
    }
    return text.toString();
  }

  /** Reads the rest of the document, then closes the reader. */
  @Override
  public void close() throws XMLStreamException {
    try {
      while (failure == null && hasNext()) {
        next();
      }
    } finally {
      super.close();
    }
  }

  private void record(int event) throws XMLStreamException {
    switch (event) {
      case XMLStreamConstants.START_ELEMENT -> start();
      case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
        RecordElement current = open.peek();
        if (current != null) {
          current.addText(getText());
        }
      }
      case XMLStreamConstants.END_ELEMENT -> open.pop();
      case XMLStreamConstants.DTD ->
          throw fail(new XMLStreamException("DOCTYPE declarations are not allowed", getLocation()));
      case XMLStreamConstants.ENTITY_REFERENCE ->
          throw fail(
              new XMLStreamException(
                  "the entity \"" + getLocalName() + "\" was referenced, but not declared",
                  getLocation()));
      default -> {}
    }
  }

  private void start() {
    int count = getAttributeCount();
    List<String> attributes = List.of();
    for (int i = 0; i < count; i++) {
      String prefix = getAttributePrefix(i);
      if (prefix == null || prefix.isEmpty()) {
        if (attributes.isEmpty()) {
          attributes = new ArrayList<>(2);
        }
        attributes.add(getAttributeLocalName(i));
        attributes.add(getAttributeValue(i));
      }
    }
    RecordElement element = new RecordElement(getNamespaceURI(), getLocalName(), attributes);
    RecordElement parent = open.peek();
    if (parent == null) {
      root = element;
    } else {
      parent.addChild(element);
    }
    open.push(element);
  }

  private XMLStreamException fail(XMLStreamException e) {
    if (failure == null) {
      failure = e;
    }
    return e;
  }
}
