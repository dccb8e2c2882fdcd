/**
 * Users, groups and profiles, kept in the shared database, and how callers prove who they are.
 *
 * <p>Passwords are stored as BCrypt hashes only. A login starts an HTTP session on the node that
 * took it; sessions are neither shared nor serialized, because the load balancer keeps a session
 * on one node and nothing a user must not lose lives in the session (locks and records are in the
 * database). Failed logins are counted per submitted user name in the database, so a lock-out
 * holds on every node and answers the same whether or not the name exists.
 */
package org.spatialcatalog.node.user;
