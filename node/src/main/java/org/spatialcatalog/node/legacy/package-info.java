/**
 * Taking over databases of single-node catalogs. Guarantee: a database with catalog tables and no
 * Flyway history is baselined and migrated in place (see {@code V4_0__Legacy_integer_ids} in the
 * migrations module), ending at the same schema as a database created from scratch; every existing
 * integer id keeps its value, as text.
 */
package org.spatialcatalog.node.legacy;
