package org.spatialcatalog.node.csw;

import java.util.ArrayList;
import java.util.List;
import org.spatialcatalog.index.Constraint;
import org.spatialcatalog.index.SearchHit;
import org.spatialcatalog.index.SearchQuery;
import org.spatialcatalog.index.SortOrder;
import org.spatialcatalog.node.lock.SingleSave;
import org.spatialcatalog.node.record.ParsedRecord;
import org.spatialcatalog.node.record.RecordNotFoundException;
import org.spatialcatalog.node.record.RecordService;
import org.spatialcatalog.node.record.RecordXmlParser;
import org.spatialcatalog.node.record.StoredRecord;
import org.springframework.stereotype.Component;
import org.w3c.dom.Element;

/**
 * The Transaction operation: Insert, Update (whole records) and Delete (by constraint), each action
 * through {@link RecordService}, so the Editor and Administrator rules, edit locks, the change log
 * and the other nodes' indexes behave exactly as for the JSON API. An Update cannot take the edit
 * lock in an earlier request, so it takes it for the caller for the save and releases it after
 * (save and close); a record another user has locked is refused. Each record is its own database
 * transaction: a failing action stops the request, and what was done before it stays done (the
 * report names the action that failed).
 */
@Component
class Transactions {

  private final RecordService service;
  private final SingleSave singleSave;
  private final RecordQueries queries;
  private final RecordXmlParser parser = new RecordXmlParser();

  Transactions(RecordService service, RecordQueries queries, SingleSave singleSave) {
    this.service = service;
    this.singleSave = singleSave;
    this.queries = queries;
  }

  String transaction(Element root, Queryables queryables) {
    List<StoredRecord> inserted = new ArrayList<>();
    int updated = 0;
    int deleted = 0;
    List<Element> actions = FilterReader.children(root);
    if (actions.isEmpty()) {
      throw CswException.missing("Insert");
    }
    for (Element action : actions) {
      switch (action.getLocalName()) {
        case "Insert" -> {
          for (Element record : FilterReader.children(action)) {
            inserted.add(service.create(serialize(record)));
          }
        }
        case "Update" -> updated += update(action);
        case "Delete" -> deleted += delete(action, queryables);
        default ->
            throw CswException.invalid(
                "Transaction",
                "action csw:" + action.getLocalName() + " is not one of Insert, Update, Delete");
      }
    }
    StringBuilder out = new StringBuilder(1024);
    out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<csw:TransactionResponse ")
        .append(CswXml.CSW_NAMESPACES)
        .append(" version=\"2.0.2\" xsi:schemaLocation=\"")
        .append(CswXml.CSW_PUBLICATION)
        .append("\">");
    summary(out, inserted.size(), updated, deleted);
    if (!inserted.isEmpty()) {
      out.append("<csw:InsertResult>");
      for (StoredRecord r : inserted) {
        out.append("<csw:BriefRecord>");
        RecordFormats.element(out, "dc:identifier", r.uuid());
        RecordFormats.element(out, "dc:title", r.title());
        out.append("</csw:BriefRecord>");
      }
      out.append("</csw:InsertResult>");
    }
    return out.append("</csw:TransactionResponse>").toString();
  }

  static void summary(StringBuilder out, int inserted, int updated, int deleted) {
    out.append("<csw:TransactionSummary><csw:totalInserted>")
        .append(inserted)
        .append("</csw:totalInserted><csw:totalUpdated>")
        .append(updated)
        .append("</csw:totalUpdated><csw:totalDeleted>")
        .append(deleted)
        .append("</csw:totalDeleted></csw:TransactionSummary>");
  }

  private int update(Element action) {
    int count = 0;
    for (Element child : FilterReader.children(action)) {
      String name = child.getLocalName();
      if (name.equals("RecordProperty")) {
        throw CswException.invalid(
            "RecordProperty",
            "updates by csw:RecordProperty are not supported; send the whole record");
      }
      if (name.equals("Constraint")) {
        continue; // a whole-record update names its record by its own identifier
      }
      String xml = serialize(child);
      ParsedRecord parsed = parser.parse(xml);
      if (parsed.uuid() == null) {
        throw CswException.invalid("Update", "the updated record carries no identifier");
      }
      try {
        String id = service.get(parsed.uuid()).id();
        singleSave.run(id, () -> service.replace(id, xml));
      } catch (RecordNotFoundException e) {
        throw CswException.invalid("Update", "no record with identifier '" + parsed.uuid() + "'");
      }
      count++;
    }
    return count;
  }

  private int delete(Element action, Queryables queryables) {
    Element constraint = FilterReader.child(action, "Constraint");
    if (constraint == null) {
      throw CswException.missing("Constraint");
    }
    Constraint c = GetRecordsRequest.constraint(constraint, queryables);
    if (c instanceof Constraint.All) {
      throw CswException.invalid("Constraint", "a Delete must select records; it selects all");
    }
    int count = 0;
    java.util.Set<String> tried = new java.util.HashSet<>();
    // Page from the start each time: what was deleted drops out of the next search.
    while (true) {
      List<SearchHit> hits =
          queries.search(c, SortOrder.RELEVANCE, 0, SearchQuery.MAX_SIZE).hits().stream()
              .filter(h -> tried.add(h.id()))
              .toList();
      if (hits.isEmpty()) {
        return count;
      }
      for (SearchHit hit : hits) {
        try {
          service.delete(hit.id());
          count++;
        } catch (RecordNotFoundException alreadyGone) {
          // deleted meanwhile by someone else: the outcome the caller asked for
        }
      }
    }
  }

  private static String serialize(Element record) {
    return Acknowledgements.standalone(record);
  }
}
