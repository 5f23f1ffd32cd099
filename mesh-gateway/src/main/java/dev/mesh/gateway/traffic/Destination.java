package dev.mesh.gateway.traffic;

import org.springframework.util.Assert;

import dev.mesh.loadbalancer.MeshSubset;

/**
 * A subset of a route's service with its share of the route's requests.
 *
 * @param name name of the subset, as the service's policy defines it
 * @param subset the labels its instances carry
 * @param weight share of the requests, in percent
 */
public record Destination(String name, MeshSubset subset, int weight) {

	public Destination {
		Assert.hasText(name, "'name' must not be empty");
		Assert.notNull(subset, "'subset' must not be null");
		Assert.isTrue(weight >= 0 && weight <= 100, "'weight' must be between 0 and 100");
	}

}
