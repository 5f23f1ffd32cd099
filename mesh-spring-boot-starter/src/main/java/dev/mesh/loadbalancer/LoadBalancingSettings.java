package dev.mesh.loadbalancer;

import java.time.Duration;

import dev.mesh.policy.spec.Cohort;
import dev.mesh.policy.spec.HashKey;
import dev.mesh.policy.spec.LoadBalancer;
import dev.mesh.policy.spec.LoadBalancerAlgorithm;
import dev.mesh.policy.spec.Locality;
import dev.mesh.policy.spec.MeshPolicy;
import dev.mesh.policy.spec.OutlierDetection;
import dev.mesh.policy.spec.TrafficPolicy;

/**
 * The effective load-balancing settings of one destination: its own policy field by field
 * over the mesh-wide outbound defaults, over built-in defaults.
 *
 * @param algorithm algorithm that picks the instance
 * @param hashKey what consistent hashing hashes, {@code null} unless the algorithm is
 * {@link LoadBalancerAlgorithm#RING_HASH}
 * @param locality whether calls prefer the caller's zone
 * @param minHealthyPercent share of caller-zone instances that must be healthy to stay
 * local
 * @param outlier when failing instances are ejected
 * @param cohortLabel instance label that carries the canary cohort, {@code null} when
 * cohorts are off
 */
public record LoadBalancingSettings(LoadBalancerAlgorithm algorithm, RequestHashKey hashKey, boolean locality,
		int minHealthyPercent, Outlier outlier, String cohortLabel) {

	/**
	 * Settings of a destination no policy mentions.
	 */
	public static final LoadBalancingSettings DEFAULTS = new LoadBalancingSettings(LoadBalancerAlgorithm.ROUND_ROBIN,
			null, false, 70, Outlier.DEFAULTS, null);

	/**
	 * Resolve the settings of a destination.
	 * @param policy the policy in force
	 * @param service the destination service
	 * @return the effective settings
	 */
	public static LoadBalancingSettings of(MeshPolicy policy, String service) {
		TrafficPolicy defaults = policy.getOutbound().getDefaults();
		TrafficPolicy own = policy.getOutbound().getDestinations().get(service);
		LoadBalancer ownBalancer = (own != null) ? own.getLoadBalancer() : null;
		LoadBalancer defaultBalancer = defaults.getLoadBalancer();
		LoadBalancerAlgorithm algorithm = pick(ownBalancer, defaultBalancer, LoadBalancer::getAlgorithm,
				DEFAULTS.algorithm());
		HashKey hash = pick(ownBalancer, defaultBalancer, LoadBalancer::getHash, null);
		Locality ownLocality = (ownBalancer != null) ? ownBalancer.getLocality() : null;
		Locality defaultLocality = (defaultBalancer != null) ? defaultBalancer.getLocality() : null;
		boolean locality = pick(ownLocality, defaultLocality, Locality::getEnabled, false);
		int minHealthy = pick(ownLocality, defaultLocality, Locality::getMinHealthyPercent,
				DEFAULTS.minHealthyPercent());
		OutlierDetection ownOutlier = (own != null) ? own.getOutlierDetection() : null;
		Outlier outlier = Outlier.of(ownOutlier, defaults.getOutlierDetection());
		Cohort ownCohort = (own != null) ? own.getCohort() : null;
		boolean cohort = pick(ownCohort, defaults.getCohort(), Cohort::getEnabled, false);
		String cohortLabel = cohort ? pick(ownCohort, defaults.getCohort(), Cohort::getLabel, "version") : null;
		RequestHashKey hashKey = (algorithm == LoadBalancerAlgorithm.RING_HASH) ? RequestHashKey.of(hash) : null;
		return new LoadBalancingSettings(algorithm, hashKey, locality, minHealthy, outlier, cohortLabel);
	}

	static <S, T> T pick(S own, S defaults, java.util.function.Function<S, T> field, T fallback) {
		T value = (own != null) ? field.apply(own) : null;
		if (value == null && defaults != null) {
			value = field.apply(defaults);
		}
		return (value != null) ? value : fallback;
	}

	/**
	 * Effective outlier detection of a destination.
	 *
	 * @param consecutiveErrors consecutive 5xx or connection failures that eject an
	 * instance, 0 when detection is off
	 * @param baseEjectionTime ejection time of a first ejection
	 * @param maxEjectionTime longest ejection time
	 * @param maxEjectionPercent largest share of instances ejected at once
	 */
	public record Outlier(int consecutiveErrors, Duration baseEjectionTime, Duration maxEjectionTime,
			int maxEjectionPercent) {

		/**
		 * Outlier detection when no policy sets it: 5 consecutive errors, 30 s growing to
		 * 5 minutes, at most half of the instances.
		 */
		public static final Outlier DEFAULTS = new Outlier(5, Duration.ofSeconds(30), Duration.ofMinutes(5), 50);

		static Outlier of(OutlierDetection own, OutlierDetection defaults) {
			return new Outlier(pick(own, defaults, OutlierDetection::getConsecutiveErrors, DEFAULTS.consecutiveErrors),
					pick(own, defaults, OutlierDetection::getBaseEjectionTime, DEFAULTS.baseEjectionTime),
					pick(own, defaults, OutlierDetection::getMaxEjectionTime, DEFAULTS.maxEjectionTime),
					pick(own, defaults, OutlierDetection::getMaxEjectionPercent, DEFAULTS.maxEjectionPercent));
		}

		/**
		 * Ejection time of the n-th ejection in a row.
		 * @param ejections how many times the instance has been ejected, this one
		 * included
		 * @return the ejection time, growing linearly and capped
		 */
		Duration ejectionTime(int ejections) {
			Duration time = this.baseEjectionTime.multipliedBy(Math.max(1, ejections));
			return (time.compareTo(this.maxEjectionTime) > 0) ? this.maxEjectionTime : time;
		}

		/**
		 * How many of a service's instances may be ejected at once.
		 * @param instances how many instances the service has
		 * @return the most that may be ejected: the share, but at least one of two or
		 * more
		 */
		int maxEjected(int instances) {
			if (instances < 2 || this.maxEjectionPercent == 0) {
				return 0;
			}
			return Math.max(1, instances * this.maxEjectionPercent / 100);
		}

	}

}
