/**
 * Schema changes that SQL cannot express because they depend on what the database holds. Guarantee:
 * each is idempotent and does nothing on a database created by the migrations.
 */
package org.spatialcatalog.migrations;
