package org.spatialcatalog.node.oai;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.spatialcatalog.node.privilege.RecordPermissions;
import org.spatialcatalog.node.record.RecordAccess;
import org.spatialcatalog.node.record.RecordRepository;
import org.spatialcatalog.node.record.StoredRecord;
import org.spatialcatalog.node.user.CatalogUser;
import org.springframework.stereotype.Component;

/**
 * Pages of ListRecords and ListIdentifiers for one caller: the rows of {@link OaiRepository} in
 * listing order, without the records the caller may not view (the same {@link
 * RecordPermissions#canView} check as every read).
 *
 * <p>A page ends at the position of its last item; the next page starts after it. A record that
 * changes during a listing gets a position above every position already handed out, so it is listed
 * once, in its new state, unless it had already been listed (then it is listed again, with its new
 * datestamp, as the protocol expects of a changed record). A record that vanishes between reading
 * the row and loading it has a newer DELETE entry further on, so it is not lost either. Stateless;
 * thread-safe.
 */
@Component
class OaiListing {

  private final OaiRepository rows;
  private final RecordRepository records;
  private final RecordPermissions permissions;

  OaiListing(OaiRepository rows, RecordRepository records, RecordPermissions permissions) {
    this.rows = rows;
    this.records = records;
    this.permissions = permissions;
  }

  /**
   * Up to {@code size} items after {@code after}, and whether more visible items follow; {@code
   * withXml}: each live item carries its stored XML, read in the same query as the record.
   */
  Page page(Position after, ListQuery query, int size, CatalogUser caller, boolean withXml) {
    // One item beyond the page proves a next page has something to show: a token must never
    // lead to an empty answer.
    List<OaiItem> items = new ArrayList<>();
    Position position = after;
    while (items.size() <= size) {
      List<OaiRepository.Row> batch = rows.after(position, query, size + 1);
      if (batch.isEmpty()) {
        break;
      }
      for (OaiItem item : visible(batch, caller, withXml)) {
        items.add(item);
        if (items.size() > size) {
          break;
        }
      }
      position = batch.get(batch.size() - 1).position();
    }
    boolean more = items.size() > size;
    return new Page(more ? items.subList(0, size) : items, more);
  }

  /**
   * How many items the caller may see in the whole listing, now. An administrator sees every row,
   * so the database counts them; anyone else's count walks the row ids and checks each live
   * record's privileges alone, never loading the records.
   */
  long count(ListQuery query, CatalogUser caller) {
    if (caller.isAdministrator()) {
      return rows.count(query);
    }
    long count = 0;
    Position position = Position.START;
    while (true) {
      List<OaiRepository.Row> batch = rows.after(position, query, 1000);
      if (batch.isEmpty()) {
        return count;
      }
      Map<String, RecordAccess> access =
          records.accessOf(
              batch.stream().filter(r -> !r.deleted()).map(OaiRepository.Row::recordId).toList());
      for (OaiRepository.Row row : batch) {
        RecordAccess a = access.get(row.recordId());
        if (row.deleted() || (a != null && permissions.canView(caller, a))) {
          count++;
        }
      }
      position = batch.get(batch.size() - 1).position();
    }
  }

  /** The item of one record for the caller, or null when it does not exist for it. */
  OaiItem item(String recordId, CatalogUser caller) {
    return rows.row(recordId)
        .map(r -> visible(List.of(r), caller, false))
        .filter(l -> !l.isEmpty())
        .map(l -> l.get(0))
        .orElse(null);
  }

  private List<OaiItem> visible(
      List<OaiRepository.Row> batch, CatalogUser caller, boolean withXml) {
    List<String> live =
        batch.stream().filter(r -> !r.deleted()).map(OaiRepository.Row::recordId).toList();
    Map<String, RecordRepository.WithXml> loaded;
    if (live.isEmpty()) {
      loaded = Map.of();
    } else if (withXml) {
      loaded =
          records.findAllWithXml(live).stream()
              .collect(Collectors.toMap(w -> w.record().id(), Function.identity()));
    } else {
      loaded =
          records.findAll(live).stream()
              .collect(
                  Collectors.toMap(StoredRecord::id, r -> new RecordRepository.WithXml(r, null)));
    }
    List<OaiItem> items = new ArrayList<>(batch.size());
    for (OaiRepository.Row row : batch) {
      if (row.deleted()) {
        items.add(new OaiItem(row, null, null));
        continue;
      }
      RecordRepository.WithXml found = loaded.get(row.recordId());
      if (found != null && permissions.canView(caller, found.record())) {
        items.add(new OaiItem(row, found.record(), found.xml()));
      }
    }
    return items;
  }

  /** One page of a listing. */
  record Page(List<OaiItem> items, boolean more) {
    Position end() {
      return items.get(items.size() - 1).row().position();
    }
  }
}
