package org.spatialcatalog.node.record;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * An element of a record as {@link RecordXmlParser} read it: its namespace URI and local name, its
 * attributes without a prefix, and its content (text and child elements) in document order.
 *
 * <p>Why not a DOM: the tree is built in the same streaming pass that reads the record's
 * properties, and the readers need only these few operations; building the JDK's DOM cost the
 * request threads a fifth of their time (docs/benchmarks.md, twenty-seventh step). Read-only once
 * built; every walk is a loop, not a recursion, so a deeply nested record cannot overflow the
 * stack.
 */
final class RecordElement {

  private final String namespace;
  private final String localName;
  private final List<String> attributes; // name, value, name, value...
  // Empty and shared until the first text or child: most elements hold one or the other.
  private List<Object> content = List.of(); // String or RecordElement
  private List<RecordElement> children = List.of();

  RecordElement(String namespace, String localName, List<String> attributes) {
    this.namespace = namespace == null ? "" : namespace;
    this.localName = localName;
    this.attributes = attributes;
  }

  /** The namespace URI, {@code ""} when the element has none. */
  String namespace() {
    return namespace;
  }

  String localName() {
    return localName;
  }

  /** The child elements, in document order. */
  List<RecordElement> children() {
    return children;
  }

  /** The value of the attribute named {@code name} without a prefix, {@code ""} when absent. */
  String attribute(String name) {
    for (int i = 0; i < attributes.size(); i += 2) {
      if (attributes.get(i).equals(name)) {
        return attributes.get(i + 1);
      }
    }
    return "";
  }

  /** All the text inside this element, its descendants' included, in document order. */
  String textContent() {
    if (children.isEmpty() && content.size() == 1) {
      return (String) content.get(0);
    }
    StringBuilder text = new StringBuilder();
    Deque<Object> pending = new ArrayDeque<>();
    pushReversed(pending, content);
    while (!pending.isEmpty()) {
      Object next = pending.pop();
      if (next instanceof String s) {
        text.append(s);
      } else {
        pushReversed(pending, ((RecordElement) next).content);
      }
    }
    return text.toString();
  }

  /**
   * The elements below this one (not itself) in {@code namespace} named {@code localName}, in
   * document order.
   */
  List<RecordElement> descendants(String namespace, String localName) {
    List<RecordElement> found = new ArrayList<>();
    Deque<RecordElement> pending = new ArrayDeque<>();
    pushReversed(pending, children);
    while (!pending.isEmpty()) {
      RecordElement e = pending.pop();
      if (e.localName.equals(localName) && e.namespace.equals(namespace)) {
        found.add(e);
      }
      pushReversed(pending, e.children);
    }
    return found;
  }

  void addText(String text) {
    int last = content.size() - 1;
    if (last >= 0 && content.get(last) instanceof String before) {
      content.set(last, before + text);
    } else {
      writableContent().add(text);
    }
  }

  void addChild(RecordElement child) {
    writableContent().add(child);
    if (children.isEmpty()) {
      children = new ArrayList<>(4);
    }
    children.add(child);
  }

  private List<Object> writableContent() {
    if (content.isEmpty()) {
      content = new ArrayList<>(4);
    }
    return content;
  }

  private static <T> void pushReversed(Deque<? super T> stack, List<? extends T> items) {
    for (int i = items.size() - 1; i >= 0; i--) {
      stack.push(items.get(i));
    }
  }
}
