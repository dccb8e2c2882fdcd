/**
 * The harvest HTTP API: {@code /api/harvesters} and {@code /api/harvest-jobs}, their request types,
 * and the service that creates, changes and deletes definitions.
 *
 * <p>Guarantees. Controllers are package-private and only translate HTTP. A definition is validated
 * as a whole before it is stored; a bad one is a 400 problem+json that names the field or option at
 * fault, and stores nothing.
 */
package org.spatialcatalog.node.harvest.api;
