package org.spatialcatalog.node.harvest.api;

import java.util.Map;

/** The JSON body of {@code POST /api/harvesters} and {@code PUT /api/harvesters/{id}}. */
record HarvesterRequest(
    String name,
    String type,
    String url,
    String schedule,
    Boolean enabled,
    Integer timeoutSeconds,
    Integer priority,
    Map<String, Object> options) {}
