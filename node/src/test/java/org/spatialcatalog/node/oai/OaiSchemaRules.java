package org.spatialcatalog.node.oai;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The rules of the OAI-PMH 2.0 schema (OAI-PMH.xsd) and the oai_dc schema that the answers of this
 * catalog can break, checked by hand: no jar on Maven Central carries those XSDs, and tests may not
 * reach the network. Element order, required and repeated elements, the datestamp, setSpec and
 * identifier patterns, the request attributes, the header status and the content of {@code
 * oai_dc:dc}.
 */
final class OaiSchemaRules {

  static final String OAI = "http://www.openarchives.org/OAI/2.0/";
  static final String OAI_DC = "http://www.openarchives.org/OAI/2.0/oai_dc/";
  static final String DC = "http://purl.org/dc/elements/1.1/";
  static final String SECONDS = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z";
  private static final String SET_SPEC = "([A-Za-z0-9\\-_.!~*'()])+(:[A-Za-z0-9\\-_.!~*'()]+)*";
  private static final Set<String> ARGUMENTS =
      Set.of("verb", "identifier", "metadataPrefix", "from", "until", "set", "resumptionToken");
  private static final Set<String> VERBS =
      Set.of(
          "Identify",
          "ListMetadataFormats",
          "ListSets",
          "GetRecord",
          "ListIdentifiers",
          "ListRecords");
  private static final Set<String> ERRORS =
      Set.of(
          "cannotDisseminateFormat",
          "idDoesNotExist",
          "badArgument",
          "badVerb",
          "noMetadataFormats",
          "noRecordsMatch",
          "badResumptionToken",
          "noSetHierarchy");
  private static final Set<String> DC_ELEMENTS =
      Set.of(
          "title",
          "creator",
          "subject",
          "description",
          "publisher",
          "contributor",
          "date",
          "type",
          "format",
          "identifier",
          "source",
          "language",
          "relation",
          "coverage",
          "rights");

  private OaiSchemaRules() {}

  static void check(Element root) {
    assertThat(root.getNamespaceURI()).isEqualTo(OAI);
    assertThat(root.getLocalName()).isEqualTo("OAI-PMH");
    List<Element> children = children(root);
    assertThat(children.size()).as("children of OAI-PMH").isGreaterThanOrEqualTo(3);
    assertThat(names(children).subList(0, 2)).containsExactly("responseDate", "request");
    assertThat(text(children.get(0))).matches(SECONDS);
    Element request = children.get(1);
    for (int i = 0; i < request.getAttributes().getLength(); i++) {
      assertThat(ARGUMENTS).contains(request.getAttributes().item(i).getNodeName());
    }
    if (request.hasAttribute("from")) {
      assertThat(request.getAttribute("from")).matches("\\d{4}-\\d{2}-\\d{2}(T.*)?");
    }
    assertThat(text(request)).startsWith("http");
    List<Element> rest = children.subList(2, children.size());
    if (rest.get(0).getLocalName().equals("error")) {
      for (Element e : rest) {
        assertThat(e.getLocalName()).isEqualTo("error");
        assertThat(ERRORS).contains(e.getAttribute("code"));
      }
      return;
    }
    assertThat(rest).hasSize(1);
    Element body = rest.get(0);
    assertThat(VERBS).contains(body.getLocalName());
    assertThat(request.getAttribute("verb")).isEqualTo(body.getLocalName());
    switch (body.getLocalName()) {
      case "Identify" ->
          assertThat(names(children(body)))
              .startsWith(
                  "repositoryName",
                  "baseURL",
                  "protocolVersion",
                  "adminEmail",
                  "earliestDatestamp",
                  "deletedRecord",
                  "granularity");
      case "ListSets" -> {
        for (Element set : children(body)) {
          assertThat(names(children(set))).startsWith("setSpec", "setName");
          assertThat(text(children(set).get(0))).matches(SET_SPEC);
        }
      }
      case "ListMetadataFormats" -> {
        assertThat(children(body)).isNotEmpty();
        for (Element f : children(body)) {
          assertThat(names(children(f)))
              .containsExactly("metadataPrefix", "schema", "metadataNamespace");
        }
      }
      case "ListIdentifiers" -> list(body, "header");
      case "ListRecords" -> list(body, "record");
      case "GetRecord" -> {
        assertThat(children(body)).hasSize(1);
        record(children(body).get(0));
      }
      default -> throw new AssertionError(body.getLocalName());
    }
  }

  private static void list(Element body, String item) {
    List<Element> items = children(body);
    assertThat(items).as("a list holds at least one item").isNotEmpty();
    Element last = items.get(items.size() - 1);
    if (last.getLocalName().equals("resumptionToken")) {
      items = items.subList(0, items.size() - 1);
      for (String a : List.of("completeListSize", "cursor")) {
        if (last.hasAttribute(a)) {
          assertThat(last.getAttribute(a)).matches("\\d+");
        }
      }
      assertThat(items).isNotEmpty();
    }
    for (Element e : items) {
      assertThat(e.getLocalName()).isEqualTo(item);
      if (item.equals("header")) {
        header(e);
      } else {
        record(e);
      }
    }
  }

  private static void record(Element record) {
    assertThat(record.getLocalName()).isEqualTo("record");
    List<Element> parts = children(record);
    assertThat(parts.get(0).getLocalName()).isEqualTo("header");
    header(parts.get(0));
    boolean deleted = parts.get(0).getAttribute("status").equals("deleted");
    if (deleted) {
      assertThat(parts).as("a deleted record has no metadata").hasSize(1);
      return;
    }
    assertThat(names(parts)).containsExactly("header", "metadata");
    List<Element> content = children(parts.get(1));
    assertThat(content).as("metadata holds one element").hasSize(1);
    if (OAI_DC.equals(content.get(0).getNamespaceURI())) {
      oaiDc(content.get(0));
    }
  }

  private static void header(Element header) {
    if (header.hasAttribute("status")) {
      assertThat(header.getAttribute("status")).isEqualTo("deleted");
    }
    List<Element> parts = children(header);
    assertThat(names(parts).subList(0, 2)).containsExactly("identifier", "datestamp");
    assertThat(text(parts.get(0))).matches("[a-z]+:\\S+");
    assertThat(text(parts.get(1))).matches(SECONDS);
    for (Element set : parts.subList(2, parts.size())) {
      assertThat(set.getLocalName()).isEqualTo("setSpec");
      assertThat(text(set)).matches(SET_SPEC);
    }
  }

  static void oaiDc(Element dc) {
    assertThat(dc.getLocalName()).isEqualTo("dc");
    assertThat(dc.getNamespaceURI()).isEqualTo(OAI_DC);
    for (Element e : children(dc)) {
      assertThat(e.getNamespaceURI()).isEqualTo(DC);
      assertThat(DC_ELEMENTS).contains(e.getLocalName());
      assertThat(children(e)).as("dc elements hold text only").isEmpty();
    }
  }

  static List<Element> children(Element parent) {
    List<Element> list = new ArrayList<>();
    boolean text = false;
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e) {
        list.add(e);
      } else if (n.getNodeType() == Node.TEXT_NODE && !n.getTextContent().isBlank()) {
        text = true;
      }
    }
    assertThat(text && !list.isEmpty()).as("mixed content in " + parent.getLocalName()).isFalse();
    return list;
  }

  static List<String> names(List<Element> elements) {
    return elements.stream().map(Element::getLocalName).toList();
  }

  static String text(Element e) {
    return e.getTextContent().trim();
  }
}
