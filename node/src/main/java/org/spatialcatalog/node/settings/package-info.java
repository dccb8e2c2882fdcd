/**
 * Live settings: typed, validated, stored in the shared database with a revision, and applied by
 * every node without a restart (SETTINGS topic, and a one-second poll of the revision as a
 * fallback). What survives a restart: everything (the database is the truth).
 */
package org.spatialcatalog.node.settings;
