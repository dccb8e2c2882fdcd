package org.spatialcatalog.node.csw;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The values each operation parameter accepts, advertised in the capabilities under each operation
 * and answered by GetDomain for {@code ParameterName}. Keys are {@code Operation.parameter}.
 */
final class Domains {

  static final Map<String, List<String>> PARAMETERS = new LinkedHashMap<>();

  static {
    List<String> schemas = List.of(CswXml.CSW, CswXml.GMD);
    List<String> sets = List.of("brief", "summary", "full");
    PARAMETERS.put(
        "GetCapabilities.sections",
        List.of(
            "ServiceIdentification",
            "ServiceProvider",
            "OperationsMetadata",
            "Filter_Capabilities"));
    PARAMETERS.put("DescribeRecord.typeName", GetRecordsRequest.TYPE_NAMES);
    PARAMETERS.put("DescribeRecord.outputFormat", GetRecordsRequest.OUTPUT_FORMATS);
    PARAMETERS.put("DescribeRecord.schemaLanguage", List.of("http://www.w3.org/XML/Schema"));
    PARAMETERS.put("GetRecords.typeNames", GetRecordsRequest.TYPE_NAMES);
    PARAMETERS.put("GetRecords.outputSchema", schemas);
    PARAMETERS.put("GetRecords.outputFormat", GetRecordsRequest.OUTPUT_FORMATS);
    PARAMETERS.put("GetRecords.ElementSetName", sets);
    PARAMETERS.put("GetRecords.resultType", GetRecordsRequest.RESULT_TYPES);
    PARAMETERS.put("GetRecords.CONSTRAINTLANGUAGE", GetRecordsRequest.CONSTRAINT_LANGUAGES);
    PARAMETERS.put("GetRecordById.outputSchema", schemas);
    PARAMETERS.put("GetRecordById.outputFormat", GetRecordsRequest.OUTPUT_FORMATS);
    PARAMETERS.put("GetRecordById.ElementSetName", sets);
    PARAMETERS.put("GetDomain.ParameterName", List.copyOf(PARAMETERS.keySet()));
    PARAMETERS.put("Transaction.TypeName", GetRecordsRequest.TYPE_NAMES);
    PARAMETERS.put("Harvest.ResourceType", schemas);
  }

  private Domains() {}

  /** A GetDomain answer for a parameter name (case-insensitive). */
  static String parameterDomain(String name) {
    for (Map.Entry<String, List<String>> e : PARAMETERS.entrySet()) {
      if (e.getKey().equalsIgnoreCase(name)) {
        StringBuilder out = new StringBuilder("<csw:DomainValues type=\"csw:Record\">");
        RecordFormats.element(out, "csw:ParameterName", e.getKey());
        out.append("<csw:ListOfValues>");
        e.getValue().forEach(v -> RecordFormats.element(out, "csw:Value", v));
        return out.append("</csw:ListOfValues></csw:DomainValues>").toString();
      }
    }
    throw CswException.invalid(
        "ParameterName",
        "no domain for '" + name + "'; known: " + String.join(", ", PARAMETERS.keySet()));
  }
}
