/**
 * The shared data directory: files attached to records, read and written by every node. Guarantees:
 * a record's files live in one folder computed from its id ({@link
 * org.spatialcatalog.node.datadir.RecordFolderLayout}, fan-out at most 256 per level); a file
 * appears whole or not at all, also to other nodes and after a crash; names are validated and never
 * resolve outside the record's folder; uploads are limited while they stream; a record's deletion
 * removes its files on the node that took it.
 */
package org.spatialcatalog.node.datadir;
