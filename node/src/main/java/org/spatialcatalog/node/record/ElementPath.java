package org.spatialcatalog.node.record;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.xml.namespace.QName;

/**
 * A path of child-element steps matched by namespace URI and local name (never by prefix), such as
 * <code>gmd:identificationInfo/&#42;/gmd:abstract/(gco:CharacterString|gmx:Anchor)</code>.
 *
 * <p>Immutable and thread-safe. Its {@link #toString()} is the readable form used in error
 * messages.
 */
final class ElementPath {

  private final List<List<QName>> steps; // an empty step matches any element
  // The same steps as arrays, for the walk: indexed loops, no iterator allocated per element.
  private final QName[][] walk;
  private final String display;

  private ElementPath(List<List<QName>> steps) {
    this.steps = List.copyOf(steps);
    this.walk = steps.stream().map(step -> step.toArray(QName[]::new)).toArray(QName[][]::new);
    this.display = steps.stream().map(ElementPath::describe).collect(Collectors.joining("/"));
  }

  /** A path whose first step is the child {@code prefix:localName} in {@code namespace}. */
  static ElementPath child(String namespace, String prefix, String localName) {
    return new ElementPath(List.of(List.of(new QName(namespace, localName, prefix))));
  }

  /** This path followed by the child {@code prefix:localName} in {@code namespace}. */
  ElementPath then(String namespace, String prefix, String localName) {
    return thenOneOf(new QName(namespace, localName, prefix));
  }

  /** This path followed by any child element, whatever its name. */
  ElementPath thenAny() {
    return append(List.of());
  }

  /** This path followed by a child matching any of the given names. */
  ElementPath thenOneOf(QName... names) {
    return append(List.of(names));
  }

  /** Every element reached from {@code start}, in document order. */
  List<RecordElement> select(RecordElement start) {
    List<RecordElement> current = List.of(start);
    for (QName[] step : walk) {
      List<RecordElement> next = new ArrayList<>();
      for (int p = 0; p < current.size(); p++) {
        List<RecordElement> children = current.get(p).children();
        for (int c = 0; c < children.size(); c++) {
          RecordElement e = children.get(c);
          if (matches(step, e)) {
            next.add(e);
          }
        }
      }
      current = next;
    }
    return current;
  }

  /** The trimmed text of every element reached, skipping blank ones, in document order. */
  List<String> texts(RecordElement start) {
    List<String> texts = new ArrayList<>();
    for (RecordElement e : select(start)) {
      String text = e.textContent().strip();
      if (!text.isEmpty()) {
        texts.add(text);
      }
    }
    return texts;
  }

  /** The trimmed text of the first element reached that is not blank. */
  Optional<String> firstText(RecordElement start) {
    for (RecordElement e : select(start)) {
      String text = e.textContent().strip();
      if (!text.isEmpty()) {
        return Optional.of(text);
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return display;
  }

  private ElementPath append(List<QName> step) {
    List<List<QName>> longer = new ArrayList<>(steps);
    longer.add(step);
    return new ElementPath(longer);
  }

  private static boolean matches(QName[] step, RecordElement e) {
    if (step.length == 0) {
      return true;
    }
    for (QName name : step) {
      if (name.getLocalPart().equals(e.localName())
          && name.getNamespaceURI().equals(e.namespace())) {
        return true;
      }
    }
    return false;
  }

  private static String describe(List<QName> step) {
    if (step.isEmpty()) {
      return "*";
    }
    String names =
        step.stream()
            .map(q -> q.getPrefix() + ":" + q.getLocalPart())
            .collect(Collectors.joining("|"));
    return step.size() == 1 ? names : "(" + names + ")";
  }
}
