package dev.mesh.resilience;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;

/**
 * One outbound request on its way through the resilience chain: <pre>
 * deadline → fault injection → retry (budget) → circuit breaker → bulkhead
 *          → load-balancer pick → per-try timeout → call
 * </pre> The client drives it: it sends {@link #firstAttempt()}, reports each attempt's
 * outcome to the {@link CallAttempt}, asks {@link #retryDelay} whether to try again and
 * takes the next attempt from {@link #retry()}. Every attempt counts once in the circuit
 * breaker and takes a bulkhead slot until it ends; a retry refused by an open breaker or
 * a full bulkhead spends no retry budget.
 */
public final class ResilientCall {

	/**
	 * Longest {@code Retry-After} waited for when the call has no deadline.
	 */
	static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(30);

	private final DestinationResilience destination;

	private final CallSettings settings;

	private final ResilienceListener listener;

	private final long deadline;

	private final boolean hasDeadline;

	private final Duration timeout;

	private final boolean retryable;

	private final InjectedFault fault;

	private final List<String> tried = new ArrayList<>(2);

	private int attempts;

	ResilientCall(DestinationResilience destination, CallSettings settings, ResilienceListener listener,
			Duration timeout, MeshDeadline inbound, boolean retryable) {
		this.destination = destination;
		this.settings = settings;
		this.listener = listener;
		this.retryable = retryable;
		long now = System.nanoTime();
		long own = (timeout != null) ? now + timeout.toNanos() : 0;
		if (inbound != null && (timeout == null || inbound.nanos() - own < 0)) {
			this.deadline = inbound.nanos();
			this.timeout = Duration.ofNanos(Math.max(0, inbound.nanos() - now));
		}
		else {
			this.deadline = own;
			this.timeout = timeout;
		}
		this.hasDeadline = this.timeout != null;
		this.fault = inject(settings.fault());
		destination.budget().deposit();
	}

	private InjectedFault inject(CallSettings.FaultSettings settings) {
		if (settings == null) {
			return InjectedFault.NONE;
		}
		ThreadLocalRandom random = ThreadLocalRandom.current();
		Duration delay = (settings.delayPercent() > random.nextDouble(100)) ? settings.delay() : null;
		int abort = (settings.abortPercent() > random.nextDouble(100)) ? settings.abortStatus() : 0;
		if (delay != null) {
			this.listener.faultInjected(service(), route(), "delay");
		}
		if (abort != 0) {
			this.listener.faultInjected(service(), route(), "abort");
		}
		return (delay != null || abort != 0) ? new InjectedFault(delay, abort) : InjectedFault.NONE;
	}

	/**
	 * Return the destination service.
	 * @return the service
	 */
	public String service() {
		return this.destination.service();
	}

	/**
	 * Return the route, for metrics.
	 * @return the route's name, {@code default} when none applies
	 */
	public String route() {
		return this.settings.route();
	}

	/**
	 * Return the fault to inject into this call before it is sent.
	 * @return the fault, {@link InjectedFault#NONE} for none
	 */
	public InjectedFault fault() {
		return this.fault;
	}

	/**
	 * Return the effective overall timeout: the smaller of the route's timeout and the
	 * time left of the inbound request's deadline.
	 * @return the timeout, {@code null} for none
	 */
	public Duration timeout() {
		return this.timeout;
	}

	/**
	 * Return the time left until the call's deadline.
	 * @return the time left (negative once passed), {@code null} without a deadline
	 */
	public Duration remaining() {
		return this.hasDeadline ? Duration.ofNanos(this.deadline - System.nanoTime()) : null;
	}

	/**
	 * Return whether the call's deadline has passed.
	 * @return whether it has passed; never without a deadline
	 */
	public boolean expired() {
		return this.hasDeadline && this.deadline - System.nanoTime() <= 0;
	}

	/**
	 * Count that the call was cut off at its deadline.
	 */
	public void deadlineExceeded() {
		this.listener.deadlineExceeded(service(), route());
	}

	/**
	 * Return the instances tried so far, which a retry avoids where it can.
	 * @return instance ids
	 */
	public List<String> tried() {
		return this.tried;
	}

	/**
	 * Take the first attempt through the circuit breaker and the bulkhead.
	 * @return the attempt
	 * @throws CircuitOpenException when the breaker is open
	 * @throws BulkheadFullException when the bulkhead is full
	 */
	public CallAttempt firstAttempt() {
		this.destination.acquire(route(), this.listener);
		return attempt(false);
	}

	/**
	 * Decide whether a call answered with a status is tried again, and after how long.
	 * @param status the status of the last attempt
	 * @param retryAfter its {@code Retry-After} header, may be {@code null}
	 * @return the delay before the retry, {@code null} for no retry
	 */
	public Duration retryDelay(int status, String retryAfter) {
		if (!this.settings.retryOn().matches(status)) {
			return null;
		}
		Duration wait = (status == 429) ? RetryAfter.parse(retryAfter) : null;
		if (wait != null && !this.hasDeadline && wait.compareTo(MAX_RETRY_AFTER) > 0) {
			return null;
		}
		return delay(wait);
	}

	/**
	 * Decide whether a call that failed without a response is tried again, and after how
	 * long.
	 * @param failure how the last attempt failed
	 * @return the delay before the retry, {@code null} for no retry
	 */
	public Duration retryDelay(CallFailure failure) {
		return this.settings.retryOn().matches(failure) ? delay(null) : null;
	}

	private Duration delay(Duration atLeast) {
		if (!this.retryable || this.attempts >= this.settings.attempts()) {
			return null;
		}
		Duration delay = this.settings.backoff().delay(this.attempts);
		if (atLeast != null && atLeast.compareTo(delay) > 0) {
			delay = atLeast;
		}
		if (this.hasDeadline && this.deadline - System.nanoTime() - delay.toNanos() <= 0) {
			return null;
		}
		if (!this.destination.budget().hasRoom()) {
			this.listener.budgetExhausted(service(), route());
			return null;
		}
		return delay;
	}

	/**
	 * Take the next attempt: the breaker must let it through (without spending budget
	 * when it does not), then it takes one retry from the budget and a bulkhead slot.
	 * @return the attempt, {@code null} when it may not be made
	 */
	public CallAttempt retry() {
		CircuitBreaker breaker = this.destination.breaker();
		if (breaker != null && !breaker.tryAcquirePermission()) {
			this.listener.breakerRejected(service(), route());
			return null;
		}
		if (!this.destination.budget().tryWithdraw()) {
			release(breaker);
			this.listener.budgetExhausted(service(), route());
			return null;
		}
		Bulkhead bulkhead = this.destination.bulkhead();
		if (bulkhead != null && !bulkhead.tryAcquirePermission()) {
			release(breaker);
			this.destination.budget().refund();
			this.listener.bulkheadRejected(service(), route());
			return null;
		}
		return attempt(true);
	}

	private static void release(CircuitBreaker breaker) {
		if (breaker != null) {
			breaker.releasePermission();
		}
	}

	private CallAttempt attempt(boolean retry) {
		this.attempts++;
		this.listener.attempt(service(), route(), retry);
		return new CallAttempt(this, this.destination.breaker(), this.destination.bulkhead());
	}

	/**
	 * The attempt's time limit: the per-try timeout, bounded by the time left.
	 * @return the limit, {@code null} for none
	 */
	Duration attemptTimeout() {
		Duration perTry = this.settings.perTryTimeout();
		Duration left = remaining();
		if (left == null) {
			return perTry;
		}
		return (perTry == null || left.compareTo(perTry) < 0) ? left : perTry;
	}

	/**
	 * A fault injected into a call.
	 *
	 * @param delay how long to wait before sending, {@code null} for none
	 * @param abortStatus status to answer with instead of sending, 0 for none
	 */
	public record InjectedFault(Duration delay, int abortStatus) {

		/**
		 * No fault.
		 */
		public static final InjectedFault NONE = new InjectedFault(null, 0);

	}

}
