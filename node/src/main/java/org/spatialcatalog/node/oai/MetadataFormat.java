package org.spatialcatalog.node.oai;

import java.util.Arrays;
import java.util.Optional;
import org.spatialcatalog.node.record.Namespaces;

/** The metadata formats every record is disseminated in, whatever schema it is stored in. */
enum MetadataFormat {
  OAI_DC("oai_dc", "http://www.openarchives.org/OAI/2.0/oai_dc.xsd", Namespaces.OAI_DC),
  ISO19139("iso19139", "http://www.isotc211.org/2005/gmd/gmd.xsd", Namespaces.GMD);

  private final String prefix;
  private final String schema;
  private final String namespace;

  MetadataFormat(String prefix, String schema, String namespace) {
    this.prefix = prefix;
    this.schema = schema;
    this.namespace = namespace;
  }

  String prefix() {
    return prefix;
  }

  String schema() {
    return schema;
  }

  String namespace() {
    return namespace;
  }

  static Optional<MetadataFormat> of(String prefix) {
    return Arrays.stream(values()).filter(f -> f.prefix.equals(prefix)).findFirst();
  }
}
