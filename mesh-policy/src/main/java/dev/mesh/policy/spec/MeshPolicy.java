package dev.mesh.policy.spec;

/**
 * Everything policy sets for one workload, bound at {@code mesh}: what a pushed snapshot
 * carries and what an application's own configuration may set.
 */
public class MeshPolicy {

	/**
	 * Trust domain and mutual TLS.
	 */
	private SecurityPolicy security = new SecurityPolicy();

	/**
	 * Calls to other services.
	 */
	private OutboundPolicy outbound = new OutboundPolicy();

	/**
	 * Calls this workload accepts.
	 */
	private InboundPolicy inbound = new InboundPolicy();

	/**
	 * Ingress routes, for gateway workloads.
	 */
	private GatewayPolicy gateway = new GatewayPolicy();

	public SecurityPolicy getSecurity() {
		return this.security;
	}

	public void setSecurity(SecurityPolicy security) {
		this.security = security;
	}

	public OutboundPolicy getOutbound() {
		return this.outbound;
	}

	public void setOutbound(OutboundPolicy outbound) {
		this.outbound = outbound;
	}

	public InboundPolicy getInbound() {
		return this.inbound;
	}

	public void setInbound(InboundPolicy inbound) {
		this.inbound = inbound;
	}

	public GatewayPolicy getGateway() {
		return this.gateway;
	}

	public void setGateway(GatewayPolicy gateway) {
		this.gateway = gateway;
	}

}
