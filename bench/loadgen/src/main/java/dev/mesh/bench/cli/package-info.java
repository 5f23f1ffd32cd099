/**
 * Command line of the load generator.
 */
package dev.mesh.bench.cli;
