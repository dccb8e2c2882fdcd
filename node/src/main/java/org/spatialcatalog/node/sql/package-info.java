/**
 * SQL text that every repository needs in the same form on H2 and PostgreSQL, and which of the two
 * a data source reaches ({@link org.spatialcatalog.node.sql.Database}), for the statements written
 * differently. It depends on no other package of the node.
 */
package org.spatialcatalog.node.sql;
