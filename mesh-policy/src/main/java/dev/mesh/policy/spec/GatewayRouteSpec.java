package dev.mesh.policy.spec;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * An ingress route of a gateway: which requests go to which service and subsets.
 */
public class GatewayRouteSpec {

	/**
	 * Service name of the gateway that serves the route.
	 */
	private String gateway = "gateway";

	/**
	 * Order among the gateway's routes; lower goes first.
	 */
	private Integer order = 0;

	/**
	 * Conditions a request must meet.
	 */
	private GatewayMatch match = new GatewayMatch();

	/**
	 * Destination service.
	 */
	private String service;

	/**
	 * Number of leading path segments removed before forwarding.
	 */
	private Integer stripPrefix = 0;

	/**
	 * Subsets of the destination service with their weights; empty means any instance.
	 */
	private List<WeightedSubset> destinations = new ArrayList<>();

	/**
	 * Cookie whose value keeps a user on one subset while the weights stay the same.
	 */
	private String stickyCookie;

	/**
	 * Header whose value keeps a user on one subset while the weights stay the same,
	 * instead of a cookie.
	 */
	private String stickyHeader;

	/**
	 * Claim of the request's validated JWT whose value keeps a user on one subset while
	 * the weights stay the same, instead of a cookie or header.
	 */
	private String stickyClaim;

	/**
	 * Whether the route's requests must carry a valid JWT; without one they get 401.
	 */
	private Boolean requireJwt;

	/**
	 * Share of requests copied to a shadow subset.
	 */
	private Mirror mirror;

	/**
	 * Timeout of the route's requests.
	 */
	private Duration timeout;

	/**
	 * Retries of the route's requests.
	 */
	private Retries retries;

	/**
	 * Faults injected into a share of the route's requests, for chaos testing.
	 */
	private Fault fault;

	/**
	 * Rate limit of the route's requests per client (client address, or the gateway's
	 * configured client key header).
	 */
	private Rate rateLimit;

	public String getGateway() {
		return this.gateway;
	}

	public void setGateway(String gateway) {
		this.gateway = gateway;
	}

	public Integer getOrder() {
		return this.order;
	}

	public void setOrder(Integer order) {
		this.order = order;
	}

	public GatewayMatch getMatch() {
		return this.match;
	}

	public void setMatch(GatewayMatch match) {
		this.match = match;
	}

	public String getService() {
		return this.service;
	}

	public void setService(String service) {
		this.service = service;
	}

	public Integer getStripPrefix() {
		return this.stripPrefix;
	}

	public void setStripPrefix(Integer stripPrefix) {
		this.stripPrefix = stripPrefix;
	}

	public List<WeightedSubset> getDestinations() {
		return this.destinations;
	}

	public void setDestinations(List<WeightedSubset> destinations) {
		this.destinations = destinations;
	}

	public String getStickyCookie() {
		return this.stickyCookie;
	}

	public void setStickyCookie(String stickyCookie) {
		this.stickyCookie = stickyCookie;
	}

	public String getStickyHeader() {
		return this.stickyHeader;
	}

	public void setStickyHeader(String stickyHeader) {
		this.stickyHeader = stickyHeader;
	}

	public String getStickyClaim() {
		return this.stickyClaim;
	}

	public void setStickyClaim(String stickyClaim) {
		this.stickyClaim = stickyClaim;
	}

	public Boolean getRequireJwt() {
		return this.requireJwt;
	}

	public void setRequireJwt(Boolean requireJwt) {
		this.requireJwt = requireJwt;
	}

	public Mirror getMirror() {
		return this.mirror;
	}

	public void setMirror(Mirror mirror) {
		this.mirror = mirror;
	}

	public Duration getTimeout() {
		return this.timeout;
	}

	public void setTimeout(Duration timeout) {
		this.timeout = timeout;
	}

	public Retries getRetries() {
		return this.retries;
	}

	public void setRetries(Retries retries) {
		this.retries = retries;
	}

	public Fault getFault() {
		return this.fault;
	}

	public void setFault(Fault fault) {
		this.fault = fault;
	}

	public Rate getRateLimit() {
		return this.rateLimit;
	}

	public void setRateLimit(Rate rateLimit) {
		this.rateLimit = rateLimit;
	}

}
