/**
 * A directory of XML files as a source, confined to the shared data directory and the configured
 * folder roots. Reads file names once per job attempt, contents one page at a time.
 */
package org.spatialcatalog.node.harvest.source.folder;
