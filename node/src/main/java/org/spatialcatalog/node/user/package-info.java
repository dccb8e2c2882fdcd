/**
 * Users, groups and profiles, kept in the shared database, and how callers prove who they are.
 *
 * <p>Passwords are stored as BCrypt hashes only; the configured {@code admin}'s hash too, in the
 * shared database, so it is the same on every node. A login starts an HTTP session on the node that
 * took it; sessions are neither shared nor serialized, because the load balancer keeps a session on
 * one node and nothing a user must not lose lives in the session (locks and records are in the
 * database). Every request with a session compares the user's revision with the database, so a
 * change of a user takes effect at its next request on every node. Failed logins are counted per
 * submitted user name and source address in the database, atomically and once per request, so a
 * lock-out holds on every node, answers the same whether or not the name exists, and cannot be used
 * by a stranger to lock the real user out. A thread without authentication is a guest; background
 * work names its identity explicitly.
 */
package org.spatialcatalog.node.user;
