package org.spatialcatalog.node.cli;

import picocli.CommandLine.IVersionProvider;

/** {@code --version}: the version the jar was built as, from its manifest. */
class CatalogVersion implements IVersionProvider {

  @Override
  public String[] getVersion() {
    String version = CatalogVersion.class.getPackage().getImplementationVersion();
    return new String[] {
      "catalog " + (version == null ? "(development build)" : version),
      "Java " + System.getProperty("java.version")
    };
  }
}
