package org.spatialcatalog.node.harvest.definition;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;

/**
 * The options of an {@code oaipmh} harvester.
 *
 * @param metadataPrefix {@code iso19139} (the default when null) or {@code oai_dc}
 * @param set the set to list (null: all)
 * @param from the earliest datestamp listed, a date ({@code 2026-01-31}) or UTC date-time
 * @param until the latest datestamp listed, in the same forms
 * @param repeatMetadataPrefix whether {@code metadataPrefix} and {@code set} are sent with every
 *     resumptionToken (default false; learnt during a run when the source asks for it)
 * @param incremental whether a run after a successful one lists only what changed since (default
 *     true)
 */
public record OaiPmhOptions(
    CommonOptions common,
    String metadataPrefix,
    String set,
    String from,
    String until,
    Boolean repeatMetadataPrefix,
    Boolean incremental)
    implements HarvesterOptions {

  static final Set<String> NAMES =
      Set.of("metadataPrefix", "set", "from", "until", "repeatMetadataPrefix", "incremental");

  private static final Set<String> PREFIXES = Set.of("iso19139", "oai_dc");

  static OaiPmhOptions read(CommonOptions common, OptionValues v) {
    OaiPmhOptions o =
        new OaiPmhOptions(
            common,
            v.string("metadataPrefix"),
            v.string("set"),
            v.string("from"),
            v.string("until"),
            v.flag("repeatMetadataPrefix"),
            v.flag("incremental"));
    if (v.checked()) {
      if (o.metadataPrefix != null && !PREFIXES.contains(o.metadataPrefix)) {
        throw OptionValues.invalid(
            "metadataPrefix",
            "'" + o.metadataPrefix + "' is not supported; use iso19139 or oai_dc");
      }
      date("from", o.from);
      date("until", o.until);
    }
    return o;
  }

  private static void date(String name, String text) {
    if (text == null) {
      return;
    }
    try {
      if (text.length() == 10) {
        LocalDate.parse(text);
      } else {
        OffsetDateTime.parse(text);
      }
    } catch (DateTimeParseException e) {
      throw OptionValues.invalid(
          name,
          "'" + text + "' is not a date (2026-01-31) or UTC date-time (2026-01-31T12:00:00Z)");
    }
  }

  public String metadataPrefixOrDefault() {
    return metadataPrefix == null ? "iso19139" : metadataPrefix;
  }

  public boolean repeatsMetadataPrefix() {
    return repeatMetadataPrefix != null && repeatMetadataPrefix;
  }

  public boolean isIncremental() {
    return incremental == null || incremental;
  }

  @Override
  public Map<String, Object> toMap() {
    return HarvesterOptions.map(
        common,
        "metadataPrefix",
        metadataPrefix,
        "set",
        set,
        "from",
        from,
        "until",
        until,
        "repeatMetadataPrefix",
        repeatMetadataPrefix,
        "incremental",
        incremental);
  }
}
