/**
 * JMH microbenchmarks of the starter's hot paths.
 */
package dev.mesh.bench.jmh;
