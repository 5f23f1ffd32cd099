package dev.mesh.gateway.route;

import java.io.IOException;
import java.net.ConnectException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * What makes an attempt of a route's request retriable, from the route's {@code retryOn}
 * conditions: {@code connect-failure} (the connection could not be made), {@code reset}
 * (the connection failed or the attempt timed out), {@code 5xx} (any server error, a
 * failed connection or a timeout), {@code 504} (that status or a timeout), {@code 429}
 * and any other status code.
 *
 * @param statuses the statuses retried
 * @param serverErrors whether every 5xx status is retried
 * @param exceptions the failures retried (the failure itself or its cause)
 */
public record RetryConditions(Set<Integer> statuses, boolean serverErrors, Set<Class<? extends Throwable>> exceptions) {

	public RetryConditions {
		statuses = Set.copyOf(statuses);
		exceptions = Set.copyOf(exceptions);
	}

	/**
	 * Return the conditions of a route's {@code retryOn} list, already validated.
	 * @param retryOn the conditions
	 * @return the conditions
	 */
	public static RetryConditions of(List<String> retryOn) {
		Set<Integer> statuses = new LinkedHashSet<>();
		Set<Class<? extends Throwable>> exceptions = new LinkedHashSet<>();
		boolean serverErrors = false;
		for (String condition : retryOn) {
			switch (condition) {
				case "connect-failure" -> exceptions.add(ConnectException.class);
				case "reset" -> {
					exceptions.add(IOException.class);
					exceptions.add(TimeoutException.class);
				}
				case "5xx" -> {
					serverErrors = true;
					exceptions.add(IOException.class);
					exceptions.add(TimeoutException.class);
				}
				case "504" -> {
					statuses.add(504);
					exceptions.add(TimeoutException.class);
				}
				case "429" -> statuses.add(429);
				default -> statuses.add(Integer.parseInt(condition));
			}
		}
		return new RetryConditions(statuses, serverErrors, exceptions);
	}

	/**
	 * Whether an answer with a status is retried.
	 * @param status the status
	 * @return whether it is retried
	 */
	public boolean retries(int status) {
		return this.statuses.contains(status) || (this.serverErrors && status >= 500 && status <= 599);
	}

	/**
	 * Whether a failed attempt is retried: the failure or its direct cause is one of the
	 * failures retried, as Spring Cloud Gateway's retry filter checks.
	 * @param failure the failure
	 * @return whether it is retried
	 */
	public boolean retries(Throwable failure) {
		for (Class<? extends Throwable> type : this.exceptions) {
			if (type.isInstance(failure) || (failure.getCause() != null && type.isInstance(failure.getCause()))) {
				return true;
			}
		}
		return false;
	}

}
