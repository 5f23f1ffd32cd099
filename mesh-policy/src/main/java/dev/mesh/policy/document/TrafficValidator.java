package dev.mesh.policy.document;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import dev.mesh.policy.Violation;
import dev.mesh.policy.registry.Names;
import dev.mesh.policy.spec.Bulkhead;
import dev.mesh.policy.spec.CircuitBreaker;
import dev.mesh.policy.spec.Cohort;
import dev.mesh.policy.spec.Fault;
import dev.mesh.policy.spec.HashKey;
import dev.mesh.policy.spec.LoadBalancer;
import dev.mesh.policy.spec.LoadBalancerAlgorithm;
import dev.mesh.policy.spec.Locality;
import dev.mesh.policy.spec.OutlierDetection;
import dev.mesh.policy.spec.Retries;
import dev.mesh.policy.spec.RetryBudget;
import dev.mesh.policy.spec.TrafficPolicy;
import dev.mesh.policy.spec.WeightedSubset;

/**
 * Checks the values of traffic settings that types alone cannot: ranges, positive
 * durations, consistent combinations and weights. Every violation is named by its field
 * path.
 */
class TrafficValidator {

	/**
	 * Conditions a retry policy may name.
	 */
	static final Set<String> RETRY_ON = Set.of("connect-failure", "reset", "5xx", "502", "503", "504", "429");

	private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS",
			"TRACE");

	private static final Pattern HEADER_NAME = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]{1,128}");

	private static final int MAX_ATTEMPTS = 10;

	private static final Duration MAX_WINDOW = Duration.ofSeconds(60);

	protected final List<Violation> violations;

	TrafficValidator(List<Violation> violations) {
		this.violations = violations;
	}

	void traffic(TrafficPolicy traffic, String path) {
		positive(traffic.getTimeout(), path + ".timeout");
		if (traffic.getRetries() != null) {
			retries(traffic.getRetries(), path + ".retries");
		}
		if (traffic.getRetryBudget() != null) {
			retryBudget(traffic.getRetryBudget(), path + ".retryBudget");
		}
		if (traffic.getFault() != null) {
			fault(traffic.getFault(), path + ".fault");
		}
		if (traffic.getLoadBalancer() != null) {
			loadBalancer(traffic.getLoadBalancer(), path + ".loadBalancer");
		}
		if (traffic.getCircuitBreaker() != null) {
			circuitBreaker(traffic.getCircuitBreaker(), path + ".circuitBreaker");
		}
		Bulkhead bulkhead = traffic.getBulkhead();
		if (bulkhead != null) {
			range(bulkhead.getMaxConcurrentCalls(), 1, 100_000, path + ".bulkhead.maxConcurrentCalls");
		}
		if (traffic.getOutlierDetection() != null) {
			outlierDetection(traffic.getOutlierDetection(), path + ".outlierDetection");
		}
		Cohort cohort = traffic.getCohort();
		if (cohort != null && cohort.getLabel() != null && !Names.isMetadataKey(cohort.getLabel())) {
			reject(path + ".cohort.label", "is not a valid label key");
		}
	}

	void retries(Retries retries, String path) {
		range(retries.getAttempts(), 1, MAX_ATTEMPTS, path + ".attempts");
		positive(retries.getPerTryTimeout(), path + ".perTryTimeout");
		positive(retries.getBackoff(), path + ".backoff");
		positive(retries.getMaxBackoff(), path + ".maxBackoff");
		if (retries.getBackoff() != null && retries.getMaxBackoff() != null
				&& retries.getMaxBackoff().compareTo(retries.getBackoff()) < 0) {
			reject(path + ".maxBackoff", "must not be shorter than backoff");
		}
		List<String> retryOn = retries.getRetryOn();
		for (int i = 0; i < retryOn.size(); i++) {
			if (!RETRY_ON.contains(retryOn.get(i))) {
				reject(path + ".retryOn[" + i + "]",
						"'" + retryOn.get(i) + "' is not one of " + RETRY_ON.stream().sorted().toList());
			}
		}
	}

	private void retryBudget(RetryBudget budget, String path) {
		range(budget.getRatio(), 0, 1, path + ".ratio");
		range(budget.getMinRetriesPerSecond(), 0, 100_000, path + ".minRetriesPerSecond");
		Duration window = budget.getWindow();
		if (window != null && (window.compareTo(Duration.ofSeconds(1)) < 0 || window.compareTo(MAX_WINDOW) > 0)) {
			reject(path + ".window", "must be between 1s and 60s");
		}
	}

	void fault(Fault fault, String path) {
		if (fault.getDelay() != null) {
			required(fault.getDelay().getPercent(), path + ".delay.percent");
			range(fault.getDelay().getPercent(), 0, 100, path + ".delay.percent");
			required(fault.getDelay().getDuration(), path + ".delay.duration");
			positive(fault.getDelay().getDuration(), path + ".delay.duration");
		}
		if (fault.getAbort() != null) {
			required(fault.getAbort().getPercent(), path + ".abort.percent");
			range(fault.getAbort().getPercent(), 0, 100, path + ".abort.percent");
			required(fault.getAbort().getStatus(), path + ".abort.status");
			range(fault.getAbort().getStatus(), 400, 599, path + ".abort.status");
		}
	}

	private void loadBalancer(LoadBalancer loadBalancer, String path) {
		HashKey hash = loadBalancer.getHash();
		boolean ringHash = loadBalancer.getAlgorithm() == LoadBalancerAlgorithm.RING_HASH;
		Locality locality = loadBalancer.getLocality();
		if (locality != null) {
			range(locality.getMinHealthyPercent(), 0, 100, path + ".locality.minHealthyPercent");
		}
		if (hash == null) {
			if (ringHash) {
				reject(path + ".hash", "is required by the RING_HASH algorithm");
			}
			return;
		}
		if (!ringHash) {
			reject(path + ".hash", "is only used by the RING_HASH algorithm");
		}
		int keys = count(hash.getHeader()) + count(hash.getCookie()) + count(hash.getQueryParameter());
		if (keys != 1) {
			reject(path + ".hash", "must name exactly one of header, cookie or queryParameter");
		}
		if (hash.getHeader() != null) {
			headerName(hash.getHeader(), path + ".hash.header");
		}
	}

	private void circuitBreaker(CircuitBreaker breaker, String path) {
		range(breaker.getFailureRateThreshold(), 1, 100, path + ".failureRateThreshold");
		range(breaker.getSlowCallRateThreshold(), 1, 100, path + ".slowCallRateThreshold");
		positive(breaker.getSlowCallDuration(), path + ".slowCallDuration");
		range(breaker.getSlidingWindowSize(), 1, 10_000, path + ".slidingWindowSize");
		range(breaker.getMinimumCalls(), 1, 10_000, path + ".minimumCalls");
		positive(breaker.getWaitInOpenState(), path + ".waitInOpenState");
		range(breaker.getHalfOpenCalls(), 1, 1_000, path + ".halfOpenCalls");
	}

	private void outlierDetection(OutlierDetection detection, String path) {
		range(detection.getConsecutiveErrors(), 1, 1_000, path + ".consecutiveErrors");
		positive(detection.getBaseEjectionTime(), path + ".baseEjectionTime");
		positive(detection.getMaxEjectionTime(), path + ".maxEjectionTime");
		if (detection.getBaseEjectionTime() != null && detection.getMaxEjectionTime() != null
				&& detection.getMaxEjectionTime().compareTo(detection.getBaseEjectionTime()) < 0) {
			reject(path + ".maxEjectionTime", "must not be shorter than baseEjectionTime");
		}
		range(detection.getMaxEjectionPercent(), 0, 100, path + ".maxEjectionPercent");
	}

	/**
	 * Check weighted subsets: none named twice, each defined, weights from 0 to 100
	 * summing to exactly 100 (never rescaled).
	 * @param destinations the weighted subsets
	 * @param subsets names of the subsets that exist, or {@code null} when they are
	 * checked elsewhere
	 * @param path field path of the list
	 */
	void weights(List<WeightedSubset> destinations, Set<String> subsets, String path) {
		if (destinations.isEmpty()) {
			reject(path, "must name at least one subset");
			return;
		}
		Set<String> seen = new HashSet<>();
		int sum = 0;
		for (int i = 0; i < destinations.size(); i++) {
			WeightedSubset destination = destinations.get(i);
			String item = path + "[" + i + "]";
			if (destination.getSubset() == null) {
				reject(item + ".subset", "is required");
			}
			else if (!seen.add(destination.getSubset())) {
				reject(item + ".subset", "'" + destination.getSubset() + "' is named twice");
			}
			else if (subsets != null && !subsets.contains(destination.getSubset())) {
				reject(item + ".subset", "'" + destination.getSubset() + "' is not a defined subset");
			}
			Integer weight = destination.getWeight();
			if (weight == null) {
				reject(item + ".weight", "is required");
			}
			else if (weight < 0 || weight > 100) {
				reject(item + ".weight", "must be between 0 and 100");
			}
			else {
				sum += weight;
			}
		}
		if (sum != 100 && this.violations.stream().noneMatch((violation) -> violation.field().startsWith(path))) {
			reject(path, "weights must sum to 100, not " + sum);
		}
	}

	void methods(List<String> methods, String path) {
		for (int i = 0; i < methods.size(); i++) {
			if (!METHODS.contains(methods.get(i))) {
				reject(path + "[" + i + "]", "'" + methods.get(i) + "' is not an HTTP method");
			}
		}
	}

	void headers(Map<String, String> headers, String path) {
		headers.keySet().forEach((name) -> headerName(name, path + "." + name));
	}

	void paths(String exact, String prefix, String path) {
		if (exact != null && prefix != null) {
			reject(path, "must set path or pathPrefix, not both");
		}
		if (exact != null && !exact.startsWith("/")) {
			reject(path + ".path", "must start with '/'");
		}
		if (prefix != null && !prefix.startsWith("/")) {
			reject(path + ".pathPrefix", "must start with '/'");
		}
	}

	void serviceName(String service, String path) {
		if (service == null) {
			reject(path, "is required");
		}
		else if (!Names.isServiceName(service)) {
			reject(path, "'" + service + "' is not a service name (a DNS-1123 label)");
		}
	}

	void labels(Map<String, String> labels, String path) {
		if (labels.isEmpty()) {
			reject(path, "must name at least one label");
		}
		labels.forEach((key, value) -> {
			if (!Names.isMetadataKey(key)) {
				reject(path + "." + key, "is not a valid label key");
			}
			else if (!Names.isLabelValue(value)) {
				reject(path + "." + key, "'" + value + "' is not a valid label value");
			}
		});
	}

	void range(Integer value, int min, int max, String path) {
		if (value != null && (value < min || value > max)) {
			reject(path, "must be between " + min + " and " + max);
		}
	}

	void range(Double value, double min, double max, String path) {
		if (value != null && (value.isNaN() || value < min || value > max)) {
			reject(path, "must be between " + format(min) + " and " + format(max));
		}
	}

	private static String format(double value) {
		return (value == Math.rint(value)) ? Long.toString((long) value) : Double.toString(value);
	}

	void required(Object value, String path) {
		if (value == null) {
			reject(path, "is required");
		}
	}

	void positive(Duration duration, String path) {
		if (duration != null && (duration.isNegative() || duration.isZero())) {
			reject(path, "must be a positive duration such as 500ms or 2s");
		}
	}

	void headerName(String name, String path) {
		if (!HEADER_NAME.matcher(name).matches()) {
			reject(path, "is not a valid header name");
		}
	}

	private static int count(String value) {
		return (value != null) ? 1 : 0;
	}

	void reject(String path, String message) {
		this.violations.add(new Violation(path, message));
	}

}
