/**
 * What a harvester is: its definition ({@link
 * org.spatialcatalog.node.harvest.definition.Harvester}), its type, their storage, and the node's
 * fixed harvest settings ({@code catalog.harvest.*}), and the one check of a URL a harvester
 * fetches or calls ({@link org.spatialcatalog.node.harvest.definition.HttpUrls}). Every other
 * harvest package speaks this vocabulary; this package uses none of them.
 *
 * <p>Guarantees. Definitions live in the shared database and survive any restart. A bad definition
 * is refused with an {@link org.spatialcatalog.node.harvest.definition.InvalidHarvesterException}
 * that names the field at fault (a 400 problem+json).
 */
package org.spatialcatalog.node.harvest.definition;
