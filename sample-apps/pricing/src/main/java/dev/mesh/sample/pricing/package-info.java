/**
 * Sample pricing service: prices SKUs deterministically, at the end of the shop's call
 * chain.
 */
package dev.mesh.sample.pricing;
