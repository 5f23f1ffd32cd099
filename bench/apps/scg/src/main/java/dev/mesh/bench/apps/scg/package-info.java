/**
 * Plain Spring Cloud Gateway, the gateway suite's reference.
 */
package dev.mesh.bench.apps.scg;
