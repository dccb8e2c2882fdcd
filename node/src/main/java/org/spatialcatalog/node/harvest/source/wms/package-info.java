/**
 * WMS GetCapabilities sources: one ISO 19139 record per named layer, with a uuid derived from the
 * service URL and layer name, so the same layer always maps to the same record.
 */
package org.spatialcatalog.node.harvest.source.wms;
