/**
 * One catalog node. {@link org.spatialcatalog.node.NodeApplication} starts it; each subpackage is a
 * feature (records, search, sync, harvesting, CSW, OAI-PMH, users, …) with its own controller,
 * service and storage, plus the shared plumbing in {@code system} (configuration and wiring),
 * {@code web} (problem+json errors) and {@code xml} (the only place that creates XML parsers).
 *
 * <p>Every node is equal: any node answers any request, from the shared database and its own index;
 * nothing a request needs is held only in another node's memory.
 */
package org.spatialcatalog.node;
