package org.spatialcatalog.node.privilege;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.spatialcatalog.node.record.RecordAccess;
import org.spatialcatalog.node.record.RecordNotFoundException;
import org.spatialcatalog.node.record.RecordRepository;
import org.spatialcatalog.node.record.RecordService;
import org.spatialcatalog.node.record.StoredRecord;
import org.spatialcatalog.node.user.CatalogUser;
import org.spatialcatalog.node.user.CurrentUser;
import org.spatialcatalog.node.user.UserRepository;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET/PUT /api/records/{id}/privileges}: the owning group and per-group operations. A PUT
 * replaces all operations; when it returns, the record is re-indexed on this node and the change is
 * in the change log for the others.
 */
@RestController
class PrivilegeController {

  private final RecordService service;
  private final RecordRepository records;
  private final RecordPermissions permissions;
  private final UserRepository users;

  PrivilegeController(
      RecordService service,
      RecordRepository records,
      RecordPermissions permissions,
      UserRepository users) {
    this.service = service;
    this.records = records;
    this.permissions = permissions;
    this.users = users;
  }

  /** The body of a PUT: {@code group} is optional and keeps the current one when absent. */
  record Privileges(Long group, Long owner, Map<String, Set<String>> operations) {
    static Privileges of(RecordAccess a) {
      return new Privileges(a.groupOwner(), a.ownerId(), a.operations());
    }
  }

  @GetMapping("/api/records/{id}/privileges")
  Privileges get(@PathVariable String id) {
    CatalogUser user = CurrentUser.get();
    StoredRecord record =
        records
            .find(id)
            .filter(r -> permissions.canView(user, r))
            .orElseThrow(() -> new RecordNotFoundException(id));
    return Privileges.of(record.access());
  }

  @PutMapping("/api/records/{id}/privileges")
  Privileges put(@PathVariable String id, @RequestBody Privileges body) {
    Map<String, Set<String>> operations = validated(body.operations());
    CatalogUser user = CurrentUser.get();
    if (body.group() != null) {
      if (!users.groupExists(body.group())) {
        throw new IllegalArgumentException("group: no group with id " + body.group());
      }
      if (!user.isAdministrator() && !user.groups().contains(body.group())) {
        throw new NotAllowedException("group: you may only give a record to one of your groups");
      }
    }
    StoredRecord changed =
        service.changeAccess(
            id,
            current ->
                new RecordAccess(
                    current.ownerId(),
                    body.group() != null ? body.group() : current.groupOwner(),
                    operations));
    return Privileges.of(changed.access());
  }

  private Map<String, Set<String>> validated(Map<String, Set<String>> operations) {
    if (operations == null) {
      throw new IllegalArgumentException("operations is required, e.g. {\"all\":[\"view\"]}");
    }
    Map<String, Set<String>> result = new LinkedHashMap<>();
    operations.forEach(
        (key, ops) -> {
          if (!RecordAccess.ALL.equals(key)) {
            long group;
            try {
              group = Long.parseLong(key);
            } catch (NumberFormatException e) {
              throw new IllegalArgumentException(
                  "operations: key '" + key + "' is neither a group id nor 'all'");
            }
            if (!users.groupExists(group)) {
              throw new IllegalArgumentException("operations: no group with id " + key);
            }
          }
          Set<String> checked = new LinkedHashSet<>();
          for (String op : ops == null ? Set.<String>of() : ops) {
            if (!RecordAccess.OPERATIONS.contains(op)) {
              throw new IllegalArgumentException(
                  "operations." + key + ": '" + op + "' is not one of view, download, editing");
            }
            checked.add(op);
          }
          if (!checked.isEmpty()) {
            result.put(key, checked);
          }
        });
    return result;
  }
}
