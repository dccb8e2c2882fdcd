/**
 * Reading HTTP request bodies within a limit: an upload is counted while it arrives and refused
 * with {@link org.spatialcatalog.node.http.PayloadTooLargeException} (413) as soon as it passes the
 * limit, so it is never held whole in memory. Controllers of any feature use it; it depends on no
 * other package of the node.
 */
package org.spatialcatalog.node.http;
