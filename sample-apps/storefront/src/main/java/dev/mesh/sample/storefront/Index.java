package dev.mesh.sample.storefront;

import java.util.List;
import java.util.Map;

/**
 * Answer of {@code GET /}: what there is to call.
 *
 * @param service this workload's service name
 * @param version this workload's version
 * @param links paths worth calling, by purpose
 * @param chain workloads that served the answer
 */
record Index(String service, String version, Map<String, String> links, List<String> chain) {

}
