package org.spatialcatalog.node.csw;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spatialcatalog.node.config.CatalogProperties;
import org.spatialcatalog.node.http.BoundedBody;
import org.spatialcatalog.node.http.PayloadTooLargeException;
import org.spatialcatalog.node.lock.EditLockException;
import org.spatialcatalog.node.privilege.NotAllowedException;
import org.spatialcatalog.node.record.DuplicateUuidException;
import org.spatialcatalog.node.record.InvalidRecordException;
import org.spatialcatalog.node.record.RecordNotFoundException;
import org.spatialcatalog.node.user.CurrentUser;
import org.spatialcatalog.node.xml.SecureXml;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;
import org.w3c.dom.Element;
import org.xml.sax.InputSource;

/**
 * {@code /csw}: reads a request in either encoding, checks service and version, runs the operation
 * and answers XML; every failure, whatever its cause, is an {@code ows:ExceptionReport}.
 */
@RestController
class CswController {

  private static final Logger log = LoggerFactory.getLogger(CswController.class);
  private static final MediaType XML = MediaType.parseMediaType("application/xml;charset=UTF-8");

  private final RecordQueries queries;
  private final Transactions transactions;
  private final CswHarvest harvest;
  private final PublicUrl publicUrl;
  private final CswProperties properties;
  private final long maxBytes;

  CswController(
      RecordQueries queries,
      Transactions transactions,
      CswHarvest harvest,
      PublicUrl publicUrl,
      CswProperties properties,
      CatalogProperties catalog) {
    this.queries = queries;
    this.transactions = transactions;
    this.harvest = harvest;
    this.publicUrl = publicUrl;
    this.properties = properties;
    this.maxBytes = catalog.maxRecordSize().toBytes();
  }

  @RequestMapping(
      value = "/csw",
      method = {RequestMethod.GET, RequestMethod.POST})
  ResponseEntity<String> csw(HttpServletRequest http) {
    try {
      return ResponseEntity.ok().contentType(XML).body(answer(read(http), http));
    } catch (CswException e) {
      return report(e);
    } catch (InvalidRecordException | DuplicateUuidException | IllegalArgumentException e) {
      return report(CswException.invalid(null, e.getMessage()));
    } catch (RecordNotFoundException e) {
      return report(CswException.invalid("id", e.getMessage()));
    } catch (NotAllowedException e) {
      return report(new CswException(CswException.NO_CODE, null, e.getMessage(), 403));
    } catch (PayloadTooLargeException e) {
      return report(new CswException(CswException.NO_CODE, null, e.getMessage(), 413));
    } catch (EditLockException e) {
      return report(new CswException(CswException.NO_CODE, null, e.getMessage(), 409));
    } catch (RuntimeException e) {
      log.error("CSW request failed", e);
      return report(new CswException(CswException.NO_CODE, null, "internal error: " + e));
    }
  }

  private CswRequest read(HttpServletRequest http) {
    if ("GET".equals(http.getMethod())) {
      return CswRequest.kvp(http.getParameterMap());
    }
    String type =
        http.getContentType() == null ? "" : http.getContentType().toLowerCase(Locale.ROOT);
    if (type.startsWith("application/x-www-form-urlencoded")) {
      return CswRequest.kvp(http.getParameterMap());
    }
    if (!type.isEmpty() && !type.startsWith("text/xml") && !type.startsWith("application/xml")) {
      throw new CswException(
          CswException.INVALID,
          "Content-Type",
          "Content-Type '" + http.getContentType() + "' is not text/xml or application/xml",
          415);
    }
    String body;
    try {
      body = BoundedBody.readText(http, maxBytes);
    } catch (IOException e) {
      throw new CswException(CswException.NO_CODE, null, "request body not read: " + e);
    }
    if (body.isBlank()) {
      throw CswException.missing("request");
    }
    Element root;
    try {
      root =
          SecureXml.documentBuilder()
              .parse(new InputSource(new StringReader(body)))
              .getDocumentElement();
    } catch (Exception e) {
      throw CswException.invalid(
          "request",
          "the request body is not well-formed XML (or"
              + " declares a DOCTYPE): "
              + e.getMessage());
    }
    if (!CswXml.CSW.equals(root.getNamespaceURI())) {
      throw new CswException(
          CswException.NOT_SUPPORTED,
          root.getLocalName(),
          "request {"
              + root.getNamespaceURI()
              + "}"
              + root.getLocalName()
              + " is not a CSW 2.0.2 request",
          501);
    }
    return CswRequest.xml(root);
  }

  private String answer(CswRequest r, HttpServletRequest http) {
    String operation = operation(r.operation());
    String service = r.param("service");
    if (service == null) {
      throw CswException.missing("service");
    }
    if (!service.equalsIgnoreCase("CSW")) {
      throw CswException.invalid("service", "service '" + service + "' is not CSW");
    }
    if (operation.equals("GetCapabilities")) {
      negotiate(r);
      return Capabilities.of(publicUrl.csw(http), queries.queryables());
    }
    String version = r.param("version");
    if (version == null) {
      throw CswException.missing("version");
    }
    if (!version.equals("2.0.2")) {
      throw CswException.invalid(
          "version", "version '" + version + "' is not supported; this" + " service speaks 2.0.2");
    }
    Queryables queryables = queries.queryables();
    return switch (operation) {
      case "GetRecords" -> {
        GetRecordsRequest q = GetRecordsRequest.read(r, queryables, properties.maxRecords());
        yield q.resultType().equals("validate")
            ? Acknowledgements.validated(r, q.requestId())
            : queries.getRecords(q);
      }
      case "GetRecordById" -> getRecordById(r);
      case "DescribeRecord" -> describeRecord(r);
      case "GetDomain" -> getDomain(r, queryables);
      case "Transaction" -> {
        requireLogin();
        if (!r.isXml()) {
          throw CswException.invalid("request", "Transaction needs the XML (POST) encoding");
        }
        yield transactions.transaction(r.root(), queryables);
      }
      case "Harvest" -> {
        requireLogin();
        yield harvest.harvest(r);
      }
      default -> throw new IllegalStateException(operation);
    };
  }

  private static String operation(String name) {
    for (String op : Capabilities.OPERATIONS) {
      if (op.equalsIgnoreCase(name)) {
        return op;
      }
    }
    throw new CswException(
        CswException.NOT_SUPPORTED,
        name,
        "operation '" + name + "' is not one of " + String.join(", ", Capabilities.OPERATIONS),
        501);
  }

  private static void negotiate(CswRequest r) {
    List<String> versions = new ArrayList<>();
    if (r.isXml()) {
      Element accept = FilterReader.child(r.root(), "AcceptVersions");
      if (accept != null) {
        FilterReader.children(accept).forEach(v -> versions.add(v.getTextContent().strip()));
      }
    } else {
      versions.addAll(r.list("acceptVersions"));
      if (versions.isEmpty() && r.param("version") != null) {
        versions.add(r.param("version"));
      }
    }
    if (!versions.isEmpty() && !versions.contains("2.0.2")) {
      throw new CswException(
          CswException.VERSION,
          "AcceptVersions",
          "none of " + versions + " is supported; this service speaks 2.0.2");
    }
  }

  private String getRecordById(CswRequest r) {
    List<String> ids = new ArrayList<>();
    String set;
    if (r.isXml()) {
      for (Element child : FilterReader.children(r.root())) {
        if (child.getLocalName().equals("Id")) {
          ids.add(child.getTextContent().strip());
        }
      }
      Element setName = FilterReader.child(r.root(), "ElementSetName");
      set = setName == null ? null : setName.getTextContent();
    } else {
      ids.addAll(r.list("id"));
      set = r.param("elementSetName");
    }
    if (ids.isEmpty()) {
      throw CswException.missing("id");
    }
    GetRecordsRequest.outputFormat(r.param("outputFormat"));
    RecordFormats.ElementSet elementSet =
        set == null ? RecordFormats.ElementSet.SUMMARY : GetRecordsRequest.elementSet(set);
    return queries.getRecordById(
        ids, GetRecordsRequest.outputSchema(r.param("outputSchema")), elementSet);
  }

  private static String describeRecord(CswRequest r) {
    List<String> names = new ArrayList<>();
    if (r.isXml()) {
      FilterReader.children(r.root()).stream()
          .filter(e -> e.getLocalName().equals("TypeName"))
          .forEach(e -> names.add(e.getTextContent().strip()));
    } else {
      names.addAll(r.list("typeName"));
    }
    String language = r.param("schemaLanguage");
    if (language != null
        && !language.equalsIgnoreCase("XMLSCHEMA")
        && !language.equals("http://www.w3.org/XML/Schema")
        && !language.equals("http://www.w3.org/2001/XMLSchema")) {
      throw CswException.invalid(
          "schemaLanguage",
          "schemaLanguage '" + language + "' is not http://www.w3.org/XML/Schema");
    }
    GetRecordsRequest.outputFormat(r.param("outputFormat"));
    boolean csw = names.isEmpty();
    boolean iso = names.isEmpty();
    for (String name : names) {
      String local = name.substring(name.lastIndexOf(':') + 1);
      if (local.equals("Record")) {
        csw = true;
      } else if (local.equals("MD_Metadata")) {
        iso = true;
      } else {
        throw CswException.invalid(
            "typeName", "typeName '" + name + "' is not one of " + GetRecordsRequest.TYPE_NAMES);
      }
    }
    return Capabilities.describeRecord(csw, iso);
  }

  private String getDomain(CswRequest r, Queryables queryables) {
    String parameter;
    String property;
    if (r.isXml()) {
      Element p = FilterReader.child(r.root(), "ParameterName");
      Element q = FilterReader.child(r.root(), "PropertyName");
      parameter = p == null ? null : p.getTextContent().strip();
      property = q == null ? null : q.getTextContent().strip();
    } else {
      parameter = r.param("parameterName");
      property = r.param("propertyName");
    }
    if (parameter == null && property == null) {
      throw CswException.missing("ParameterName");
    }
    StringBuilder out = new StringBuilder();
    out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<csw:GetDomainResponse ")
        .append(CswXml.CSW_NAMESPACES)
        .append(" xsi:schemaLocation=\"")
        .append(CswXml.CSW_LOCATION)
        .append("\">");
    if (parameter != null) {
      Arrays.stream(parameter.split(","))
          .map(String::strip)
          .forEach(p -> out.append(Domains.parameterDomain(p)));
    } else {
      out.append(queries.propertyDomain(property));
    }
    return out.append("</csw:GetDomainResponse>").toString();
  }

  private static void requireLogin() {
    if (CurrentUser.get().isGuest()) {
      throw new CswException(
          CswException.NO_CODE,
          null,
          "authentication required: send HTTP Basic credentials of an Editor or Administrator",
          401);
    }
  }

  private static ResponseEntity<String> report(CswException e) {
    ResponseEntity.BodyBuilder b = ResponseEntity.status(e.status()).contentType(XML);
    if (e.status() == 401) {
      b.header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"catalog\"");
    }
    return b.body(ExceptionReport.of(e));
  }
}
