/**
 * The web console: a search portal for everyone and administration pages, served by every node.
 *
 * <p>The pages are static HTML and small plain JavaScript files (no build step) under {@code
 * classpath:/static/console}, with Leaflet from its WebJar and a Natural Earth 1:110m land layer
 * shipped with the node, so nothing is fetched from the internet. The pages call the JSON API with
 * the session and CSRF token of {@code POST /api/login}; the API decides what each caller may see
 * and do, as for any other client.
 *
 * <p>Guarantees: console pages and their assets never answer with a Basic-auth challenge; the
 * administration pages ({@code /admin/**} and their files under {@code /console/admin/}) are
 * refused by the server to everyone but administrators (a guest is sent to the login page, a
 * logged-in user without the Administrator profile gets a 403 page); the account page ({@code
 * /account}) sends a guest to the login page. Nothing here keeps state: the session lives in the
 * node that created it, as for API clients.
 */
package org.spatialcatalog.node.console;
