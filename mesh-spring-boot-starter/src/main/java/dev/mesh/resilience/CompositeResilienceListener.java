package dev.mesh.resilience;

import java.util.List;

import org.springframework.beans.factory.ObjectProvider;

/**
 * Passes every event to the application's {@link ResilienceListener} beans, looked up
 * once, on the first event.
 */
final class CompositeResilienceListener implements ResilienceListener {

	private final ObjectProvider<ResilienceListener> provider;

	private volatile List<ResilienceListener> listeners;

	CompositeResilienceListener(ObjectProvider<ResilienceListener> provider) {
		this.provider = provider;
	}

	private List<ResilienceListener> listeners() {
		List<ResilienceListener> current = this.listeners;
		if (current == null) {
			current = this.provider.orderedStream().toList();
			this.listeners = current;
		}
		return current;
	}

	@Override
	public void attempt(String service, String route, boolean retry) {
		listeners().forEach((listener) -> listener.attempt(service, route, retry));
	}

	@Override
	public void budgetExhausted(String service, String route) {
		listeners().forEach((listener) -> listener.budgetExhausted(service, route));
	}

	@Override
	public void breakerTransition(String service, String from, String to) {
		listeners().forEach((listener) -> listener.breakerTransition(service, from, to));
	}

	@Override
	public void breakerRejected(String service, String route) {
		listeners().forEach((listener) -> listener.breakerRejected(service, route));
	}

	@Override
	public void bulkheadRejected(String service, String route) {
		listeners().forEach((listener) -> listener.bulkheadRejected(service, route));
	}

	@Override
	public void deadlineExceeded(String service, String route) {
		listeners().forEach((listener) -> listener.deadlineExceeded(service, route));
	}

	@Override
	public void faultInjected(String service, String route, String fault) {
		listeners().forEach((listener) -> listener.faultInjected(service, route, fault));
	}

	@Override
	public void inboundDeadlineExceeded() {
		listeners().forEach(ResilienceListener::inboundDeadlineExceeded);
	}

	@Override
	public void rateLimited(String caller) {
		listeners().forEach((listener) -> listener.rateLimited(caller));
	}

}
