package dev.mesh.resilience;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;

/**
 * One attempt of a {@link ResilientCall}, holding a circuit-breaker permission and a
 * bulkhead slot until the client reports how it ended, exactly once: a response, a
 * failure, or a cancellation. A cancellation releases the breaker permission (a half-open
 * probe that never completed must not block the breaker) and the bulkhead slot without
 * counting as a success or failure. An attempt admitted alone
 * ({@link MeshResilience#admit}) belongs to no call: it has no time limit of its own.
 */
public final class CallAttempt {

	private static final Exception FAILURE = new Exception("failed call", null, false, false) {

	};

	private final ResilientCall call;

	private final CircuitBreaker breaker;

	private final Bulkhead bulkhead;

	private final AtomicBoolean done = new AtomicBoolean();

	private long startNanos = System.nanoTime();

	CallAttempt(ResilientCall call, CircuitBreaker breaker, Bulkhead bulkhead) {
		this.call = call;
		this.breaker = breaker;
		this.bulkhead = bulkhead;
	}

	/**
	 * Return whether the attempt holds anything: a breaker permission or a bulkhead slot.
	 * An attempt to a destination with neither need not be reported.
	 * @return whether the destination has a circuit breaker or a bulkhead
	 */
	public boolean guarded() {
		return this.breaker != null || this.bulkhead != null;
	}

	/**
	 * The attempt is sent now, to an instance.
	 * @param instanceId the instance chosen, avoided by later attempts where possible
	 * @return the attempt's time limit (per-try timeout bounded by the call's deadline),
	 * {@code null} for none
	 */
	public Duration send(String instanceId) {
		this.startNanos = System.nanoTime();
		if (this.call == null) {
			return null;
		}
		this.call.tried().add(instanceId);
		return this.call.attemptTimeout();
	}

	/**
	 * Return the value of the deadline header for the instance: the time left of this
	 * attempt, in milliseconds.
	 * @return the header value, {@code null} when the call has no time limit
	 */
	public String deadlineHeader() {
		Duration limit = (this.call != null) ? this.call.attemptTimeout() : null;
		return (limit != null) ? Long.toString(Math.max(0, limit.toMillis())) : null;
	}

	/**
	 * The attempt got a response: 5xx counts as a failure of the destination.
	 * @param status the response status
	 */
	public void completed(int status) {
		if (this.done.compareAndSet(false, true)) {
			long duration = System.nanoTime() - this.startNanos;
			if (this.breaker != null) {
				if (status >= 500) {
					this.breaker.onError(duration, TimeUnit.NANOSECONDS, FAILURE);
				}
				else {
					this.breaker.onSuccess(duration, TimeUnit.NANOSECONDS);
				}
			}
			release();
		}
	}

	/**
	 * The attempt failed without a response. A cancellation counts as
	 * {@link #cancelled()}.
	 * @param failure how it failed
	 */
	public void failed(CallFailure failure) {
		if (failure == CallFailure.CANCELLED) {
			cancelled();
			return;
		}
		if (this.done.compareAndSet(false, true)) {
			if (this.breaker != null) {
				this.breaker.onError(System.nanoTime() - this.startNanos, TimeUnit.NANOSECONDS, FAILURE);
			}
			release();
		}
	}

	/**
	 * The caller gave up on the attempt: its breaker permission and bulkhead slot are
	 * given back, and nothing is learnt about the destination.
	 */
	public void cancelled() {
		if (this.done.compareAndSet(false, true)) {
			if (this.breaker != null) {
				this.breaker.releasePermission();
			}
			release();
		}
	}

	private void release() {
		if (this.bulkhead != null) {
			this.bulkhead.onComplete();
		}
	}

}
