/**
 * How every error leaves a node: as {@code application/problem+json} (RFC 9457) whose detail names
 * the field, id or limit at fault, whether it comes from a controller, a filter or the container
 * itself. SQL and stack traces never reach a client; they go to the node's log.
 */
package org.spatialcatalog.node.web;
