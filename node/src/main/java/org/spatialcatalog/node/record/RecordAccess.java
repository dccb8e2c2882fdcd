package org.spatialcatalog.node.record;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who owns a record and which operations each group may perform on it.
 *
 * <p>Operation keys are a group id as a string, or {@value #ALL} for everyone including guests.
 * Operations are {@code view}, {@code download} and {@code editing}. The owner and the members of
 * the owning group may always view; a record without explicit operations ({@link #PUBLIC}) may be
 * viewed and downloaded by everyone.
 *
 * @param ownerId the user that created the record, or null for the configured admin
 * @param groupOwner the owning group, or null
 * @param operations operations by group id or {@value #ALL}
 */
public record RecordAccess(Long ownerId, Long groupOwner, Map<String, Set<String>> operations) {

  public static final String ALL = "all";
  public static final String VIEW = "view";
  public static final String DOWNLOAD = "download";
  public static final String EDITING = "editing";
  public static final Set<String> OPERATIONS = Set.of(VIEW, DOWNLOAD, EDITING);

  /**
   * The default of a record nobody restricted: everyone may view it. Downloading its private files
   * needs an explicit grant (or ownership), so "private" means something by default.
   */
  public static final Map<String, Set<String>> PUBLIC = Map.of(ALL, Set.of(VIEW));

  public RecordAccess {
    Map<String, Set<String>> copy = new LinkedHashMap<>();
    (operations == null ? PUBLIC : operations)
        .forEach((group, ops) -> copy.put(group, Set.copyOf(new LinkedHashSet<>(ops))));
    operations = Map.copyOf(copy);
  }

  /** A record owned by {@code ownerId} in {@code groupOwner}, public until restricted. */
  public static RecordAccess ownedBy(Long ownerId, Long groupOwner) {
    return new RecordAccess(ownerId, groupOwner, PUBLIC);
  }

  /** Whether the holder of these tokens (see {@link #viewers}) may perform {@code operation}. */
  public boolean allows(String operation, Set<String> tokens) {
    for (Map.Entry<String, Set<String>> e : operations.entrySet()) {
      if (e.getValue().contains(operation) && tokens.contains(token(e.getKey()))) {
        return true;
      }
    }
    return false;
  }

  /**
   * The index tokens of everyone who may view: {@code all}, {@code g:<groupId>} and {@code
   * u:<userId>}. A search filters on these, so search, facets and counts agree with reads.
   */
  public List<String> viewers() {
    Set<String> tokens = new LinkedHashSet<>();
    operations.forEach(
        (group, ops) -> {
          if (ops.contains(VIEW)) {
            tokens.add(token(group));
          }
        });
    if (groupOwner != null) {
      tokens.add("g:" + groupOwner);
    }
    if (ownerId != null) {
      tokens.add("u:" + ownerId);
    }
    return new ArrayList<>(tokens);
  }

  private static String token(String group) {
    return ALL.equals(group) ? ALL : "g:" + group;
  }
}
