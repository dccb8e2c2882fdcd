package org.spatialcatalog.node.oai;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.spatialcatalog.node.cluster.TestCluster;
import org.spatialcatalog.node.xml.SecureXml;
import org.w3c.dom.Element;
import org.xml.sax.InputSource;

/**
 * An OAI-PMH caller of one node, as a guest or as the admin, over GET or form-encoded POST; every
 * answer is checked against {@link OaiSchemaRules} before a test sees it.
 */
final class OaiHttp {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final String baseUrl;
  private final boolean admin;

  OaiHttp(String baseUrl, boolean admin) {
    this.baseUrl = baseUrl;
    this.admin = admin;
  }

  static Map<String, String> args(String... nameValues) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < nameValues.length; i += 2) {
      m.put(nameValues[i], nameValues[i + 1]);
    }
    return m;
  }

  Element get(Map<String, String> args) throws Exception {
    return send(HttpRequest.newBuilder(URI.create(baseUrl + "/oai?" + form(args))).GET(), true);
  }

  /** A raw query string, for repeated arguments. */
  Element getRaw(String query) throws Exception {
    return send(HttpRequest.newBuilder(URI.create(baseUrl + "/oai?" + query)).GET(), true);
  }

  Element post(Map<String, String> args) throws Exception {
    return send(
        HttpRequest.newBuilder(URI.create(baseUrl + "/oai"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form(args))),
        true);
  }

  private Element send(HttpRequest.Builder request, boolean check) throws Exception {
    request.timeout(Duration.ofSeconds(120));
    if (admin) {
      request.header(
          "Authorization",
          "Basic "
              + Base64.getEncoder()
                  .encodeToString(
                      ("admin:" + TestCluster.PASSWORD).getBytes(StandardCharsets.UTF_8)));
    }
    HttpResponse<String> r = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/xml");
    Element root =
        SecureXml.documentBuilder()
            .parse(new InputSource(new StringReader(r.body())))
            .getDocumentElement();
    if (check) {
      OaiSchemaRules.check(root);
    }
    return root;
  }

  private static String form(Map<String, String> args) {
    return args.entrySet().stream()
        .map(
            e ->
                URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }

  /** The error code of an answer, or null. */
  static String error(Element root) {
    Element e = first(root, "error");
    return e == null ? null : e.getAttribute("code");
  }

  static Element first(Element parent, String localName) {
    for (Element e : OaiSchemaRules.children(parent)) {
      if (e.getLocalName().equals(localName)) {
        return e;
      }
    }
    return null;
  }

  static List<Element> all(Element parent, String localName) {
    List<Element> list = new ArrayList<>();
    for (Element e : OaiSchemaRules.children(parent)) {
      if (e.getLocalName().equals(localName)) {
        list.add(e);
      }
    }
    return list;
  }

  /** The headers of a ListIdentifiers or ListRecords answer. */
  static List<Element> headers(Element root) {
    Element list = OaiSchemaRules.children(root).get(2);
    List<Element> headers = new ArrayList<>();
    for (Element e : OaiSchemaRules.children(list)) {
      if (e.getLocalName().equals("header")) {
        headers.add(e);
      } else if (e.getLocalName().equals("record")) {
        headers.add(first(e, "header"));
      }
    }
    return headers;
  }

  static Element token(Element root) {
    return first(OaiSchemaRules.children(root).get(2), "resumptionToken");
  }
}
