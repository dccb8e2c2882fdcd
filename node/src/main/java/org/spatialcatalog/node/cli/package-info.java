/**
 * {@code ./catalog}: one executable with one subcommand per process kind (node, broker, demo,
 * bench, chaos). Guarantees: an unknown option or a configuration error prints one line and exits
 * with code 2; every option shows its description and default in {@code --help}; the demo, the
 * benchmarks and the chaos run start real node processes against a real database and broker, never
 * stand-ins; the demo binds everything it starts to 127.0.0.1 unless {@code --bind} says otherwise.
 */
package org.spatialcatalog.node.cli;
