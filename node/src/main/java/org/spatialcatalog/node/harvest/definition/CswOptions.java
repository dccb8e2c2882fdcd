package org.spatialcatalog.node.harvest.definition;

import java.util.Map;
import java.util.Set;

/**
 * The options of a {@code csw} harvester.
 *
 * @param outputSchema {@code iso19139} (the default when null) or {@code csw:Record} ({@code
 *     dublincore} and the two schemas' namespace URIs are accepted too)
 * @param constraint a CQL text sent with GetRecords (null: none)
 * @param getRecordById whether records are fetched one by one with GetRecordById after a brief
 *     GetRecords (default false)
 */
public record CswOptions(
    CommonOptions common, String outputSchema, String constraint, Boolean getRecordById)
    implements HarvesterOptions {

  /** The namespace of ISO 19139 records. */
  public static final String ISO_SCHEMA = "http://www.isotc211.org/2005/gmd";

  /** The namespace of CSW 2.0.2 (and its csw:Record). */
  public static final String CSW_SCHEMA = "http://www.opengis.net/cat/csw/2.0.2";

  static final Set<String> NAMES = Set.of("outputSchema", "constraint", "getRecordById");

  static CswOptions read(CommonOptions common, OptionValues v) {
    CswOptions o =
        new CswOptions(
            common, v.string("outputSchema"), v.string("constraint"), v.flag("getRecordById"));
    if (v.checked()) {
      o.outputSchemaUri();
    }
    return o;
  }

  /** The outputSchema URI to ask for; refuses a schema this catalog cannot store. */
  public String outputSchemaUri() {
    String name = outputSchema == null ? "iso19139" : outputSchema;
    return switch (name) {
      case "iso19139", ISO_SCHEMA -> ISO_SCHEMA;
      case "csw:Record", "dublincore", CSW_SCHEMA -> CSW_SCHEMA;
      default ->
          throw OptionValues.invalid(
              "outputSchema", "'" + name + "' is not supported; use iso19139 or csw:Record");
    };
  }

  public boolean byId() {
    return getRecordById != null && getRecordById;
  }

  @Override
  public Map<String, Object> toMap() {
    return HarvesterOptions.map(
        common,
        "outputSchema",
        outputSchema,
        "constraint",
        constraint,
        "getRecordById",
        getRecordById);
  }
}
