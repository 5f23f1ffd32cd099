package dev.mesh.discovery;

import java.io.IOException;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import org.springframework.core.Ordered;

/**
 * Counts the requests a servlet application is serving, asynchronous ones until they
 * complete.
 */
final class InboundRequestsFilter implements Filter, Ordered {

	private final InboundRequests requests;

	InboundRequestsFilter(InboundRequests requests) {
		this.requests = requests;
	}

	@Override
	public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		if (request.getDispatcherType() != DispatcherType.REQUEST) {
			chain.doFilter(request, response);
			return;
		}
		this.requests.started();
		boolean async = false;
		try {
			chain.doFilter(request, response);
			async = request.isAsyncStarted();
			if (async) {
				request.getAsyncContext().addListener(new Completion());
			}
		}
		finally {
			if (!async) {
				this.requests.finished();
			}
		}
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	private final class Completion implements AsyncListener {

		@Override
		public void onComplete(AsyncEvent event) {
			InboundRequestsFilter.this.requests.finished();
		}

		@Override
		public void onTimeout(AsyncEvent event) {
			// the container completes the request next, and onComplete counts it
		}

		@Override
		public void onError(AsyncEvent event) {
			// the container completes the request next, and onComplete counts it
		}

		@Override
		public void onStartAsync(AsyncEvent event) {
			event.getAsyncContext().addListener(this);
		}

	}

}
