package dev.mesh.policy.registry;

import java.util.Map;

/**
 * What an instance sends to the control service to join the mesh. Fields are as sent and
 * may be missing or invalid: {@link RegistrationValidator} checks them and
 * {@link MeshInstance#from(Registration, String)} turns a valid registration into an
 * instance.
 *
 * @param instanceId id chosen by the instance, stable across re-registrations; generated
 * by the control service when absent
 * @param service service name, a DNS-1123 label
 * @param address host name or IP address other instances reach it on
 * @param port port other instances reach it on
 * @param version version label, for example {@code v2}
 * @param zone locality zone; {@value MeshInstance#DEFAULT_ZONE} when absent
 * @param metadata further labels
 */
public record Registration(String instanceId, String service, String address, Integer port, String version, String zone,
		Map<String, String> metadata) {

}
