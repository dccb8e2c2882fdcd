/**
 * SQL text that every repository needs in the same form on H2 and PostgreSQL. It depends on no
 * other package of the node.
 */
package org.spatialcatalog.node.sql;
