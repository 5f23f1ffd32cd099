/**
 * Kubernetes objects for tests.
 */
package dev.mesh.kubernetes.test;
