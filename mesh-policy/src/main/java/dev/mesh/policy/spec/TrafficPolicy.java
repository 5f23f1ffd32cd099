package dev.mesh.policy.spec;

import java.time.Duration;

/**
 * Settings of calls to a destination service; the mesh-wide defaults have the same shape.
 */
public class TrafficPolicy {

	/**
	 * Overall timeout of a call, retries included.
	 */
	private Duration timeout;

	/**
	 * Retries of failed calls.
	 */
	private Retries retries;

	/**
	 * How many retries may add to the requests.
	 */
	private RetryBudget retryBudget;

	/**
	 * Faults injected into a share of requests, for chaos testing.
	 */
	private Fault fault;

	/**
	 * How an instance is picked.
	 */
	private LoadBalancer loadBalancer;

	/**
	 * When calls stop because too many fail.
	 */
	private CircuitBreaker circuitBreaker;

	/**
	 * How many calls may be in flight at once.
	 */
	private Bulkhead bulkhead;

	/**
	 * When a failing instance is ejected.
	 */
	private OutlierDetection outlierDetection;

	/**
	 * Whether a request keeps its canary cohort across the call chain.
	 */
	private Cohort cohort;

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

	public RetryBudget getRetryBudget() {
		return this.retryBudget;
	}

	public void setRetryBudget(RetryBudget retryBudget) {
		this.retryBudget = retryBudget;
	}

	public Fault getFault() {
		return this.fault;
	}

	public void setFault(Fault fault) {
		this.fault = fault;
	}

	public LoadBalancer getLoadBalancer() {
		return this.loadBalancer;
	}

	public void setLoadBalancer(LoadBalancer loadBalancer) {
		this.loadBalancer = loadBalancer;
	}

	public CircuitBreaker getCircuitBreaker() {
		return this.circuitBreaker;
	}

	public void setCircuitBreaker(CircuitBreaker circuitBreaker) {
		this.circuitBreaker = circuitBreaker;
	}

	public Bulkhead getBulkhead() {
		return this.bulkhead;
	}

	public void setBulkhead(Bulkhead bulkhead) {
		this.bulkhead = bulkhead;
	}

	public OutlierDetection getOutlierDetection() {
		return this.outlierDetection;
	}

	public void setOutlierDetection(OutlierDetection outlierDetection) {
		this.outlierDetection = outlierDetection;
	}

	public Cohort getCohort() {
		return this.cohort;
	}

	public void setCohort(Cohort cohort) {
		this.cohort = cohort;
	}

}
