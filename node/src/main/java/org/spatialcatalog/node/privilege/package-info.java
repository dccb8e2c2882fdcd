/**
 * Record privileges: who may view, download and edit each record, and the filter that makes search,
 * facets, counts and reads show only what the caller may view.
 *
 * <p>Privileges are stored with the record; changing them bumps the record version and goes through
 * the change log, so every node re-indexes the record's viewers exactly as it applies any other
 * change. The read check and the index filter use the same tokens ({@code all}, {@code g:<group>},
 * {@code u:<user>}), so a record is either visible everywhere to a caller or nowhere.
 */
package org.spatialcatalog.node.privilege;
