/**
 * The propagation suite's drivers: lightweight policy watch subscribers that acknowledge
 * every snapshot as the starter does, the bookkeeping of write-to-acknowledgement
 * latency, and the nginx reload probe it is compared with.
 */
package dev.mesh.bench.propagation;
