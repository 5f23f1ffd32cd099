/**
 * The bench backend: a Spring MVC app that answers every request with the same 1 KiB.
 */
package dev.mesh.bench.apps.backend;
