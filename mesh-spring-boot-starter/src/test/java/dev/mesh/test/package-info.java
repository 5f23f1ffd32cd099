/**
 * Test fixtures: a fake control service and simple loopback servers.
 */
package dev.mesh.test;
