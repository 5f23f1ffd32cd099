/**
 * The bench backend: a Spring MVC app that answers every request with the same 1 KiB, at
 * once or (as the slow instance of the load-balancing benchmark) late.
 */
package dev.mesh.bench.apps.backend;
