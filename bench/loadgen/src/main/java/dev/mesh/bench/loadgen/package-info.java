/**
 * Open-loop, fixed-rate HTTP/1.1 load generator that measures every request from the time
 * the schedule intended to send it, so that a stalled server is charged for the requests
 * it delayed (no coordinated omission).
 */
package dev.mesh.bench.loadgen;
