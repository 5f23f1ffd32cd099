package dev.mesh.discovery;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.cloud.client.ServiceInstance;

import dev.mesh.policy.registry.MeshInstance;

/**
 * A mesh instance as Spring Cloud sees it. The version and zone are also exposed as
 * metadata ({@code version}, {@code zone}) so that Spring Cloud's own filters can use
 * them.
 *
 * @param instance the mesh instance
 * @param scheme the scheme it is called with: {@code https} or {@code http}
 * @param port the port it is called on
 */
public record MeshServiceInstance(MeshInstance instance, String scheme, int port) implements ServiceInstance {

	/**
	 * Metadata key of the version label.
	 */
	public static final String VERSION = "version";

	/**
	 * Metadata key of the zone.
	 */
	public static final String ZONE = "zone";

	/**
	 * Metadata key naming the source an instance comes from, when it is not the registry:
	 * {@code kubernetes} or {@code static}.
	 */
	public static final String SOURCE = "mesh.source";

	/**
	 * Metadata key of the scheme to call an instance with, when it is not {@code http}.
	 */
	public static final String SCHEME = "mesh.scheme";

	/**
	 * Create the instance as it registered: its port, and {@code https} when its
	 * {@value #SCHEME} metadata says so.
	 * @param instance the mesh instance
	 */
	public MeshServiceInstance(MeshInstance instance) {
		this(instance, "https".equals(instance.metadata().get(SCHEME)) ? "https" : "http", instance.port());
	}

	@Override
	public String getInstanceId() {
		return this.instance.instanceId();
	}

	@Override
	public String getServiceId() {
		return this.instance.service();
	}

	@Override
	public String getHost() {
		return this.instance.address();
	}

	@Override
	public int getPort() {
		return this.port;
	}

	@Override
	public boolean isSecure() {
		return "https".equals(getScheme());
	}

	@Override
	public URI getUri() {
		String host = this.instance.address();
		if (host.indexOf(':') >= 0) {
			host = "[" + host + "]";
		}
		return URI.create(getScheme() + "://" + host + ":" + this.port);
	}

	@Override
	public Map<String, String> getMetadata() {
		Map<String, String> metadata = new LinkedHashMap<>(this.instance.metadata());
		metadata.put(VERSION, this.instance.version());
		metadata.put(ZONE, this.instance.zone());
		return metadata;
	}

	@Override
	public String getScheme() {
		return this.scheme;
	}

}
