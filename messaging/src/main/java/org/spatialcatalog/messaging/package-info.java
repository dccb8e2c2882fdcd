/**
 * JMS messaging between the nodes of a cluster, on ActiveMQ Classic: the topic and queue names
 * ({@link org.spatialcatalog.messaging.CatalogTopic}, {@link
 * org.spatialcatalog.messaging.CatalogQueue}, prefixed by the cluster name), publishing with a
 * bounded send time, durable subscriptions that acknowledge a message once its listener succeeded
 * and reconnect by themselves, and an embedded broker. It knows nothing of records or indexes: the
 * node module wires listeners.
 */
package org.spatialcatalog.messaging;
