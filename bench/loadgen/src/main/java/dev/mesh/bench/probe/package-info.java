/**
 * Measurements of the processes of a path: CPU time and memory from {@code /proc}, heap
 * after GC through the JDK's tools, and the counters a path exposes.
 */
package dev.mesh.bench.probe;
