package dev.mesh.loadbalancer;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClients;
import org.springframework.cloud.loadbalancer.config.LoadBalancerAutoConfiguration;

import dev.mesh.discovery.MeshDiscoveryAutoConfiguration;
import dev.mesh.discovery.MeshEndpoints;

/**
 * Auto-configuration that makes Spring Cloud LoadBalancer choose among the mesh's
 * instances.
 */
@AutoConfiguration(after = MeshDiscoveryAutoConfiguration.class, before = LoadBalancerAutoConfiguration.class)
@ConditionalOnBean(MeshEndpoints.class)
@LoadBalancerClients(defaultConfiguration = MeshLoadBalancerClientConfiguration.class)
public final class MeshLoadBalancerAutoConfiguration {

}
