/**
 * SKOS thesauri: stored in the shared database (one transaction per import), held in memory on
 * every node for fast keyword lookup, kept in sync by the five thesaurus topics and by a revision
 * check against the database every few seconds.
 */
package org.spatialcatalog.node.thesaurus;
