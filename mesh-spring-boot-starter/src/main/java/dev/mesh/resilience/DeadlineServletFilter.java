package dev.mesh.resilience;

import java.io.IOException;
import java.time.Duration;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads the deadline of an inbound request ({@value MeshDeadline#HEADER}) and holds it
 * for the outbound calls made on the request's thread. When the deadline passes, the
 * thread is interrupted, so that blocking work (outbound calls, waits, interruptible I/O)
 * stops, and the request is answered with 504 unless the response is already committed.
 * Work the handler hands to other threads is not covered.
 */
class DeadlineServletFilter extends OncePerRequestFilter {

	private final Duration max;

	private final ResilienceListener listener;

	DeadlineServletFilter(Duration max, ResilienceListener listener) {
		this.max = max;
		this.listener = listener;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		MeshDeadline deadline = MeshDeadline.parse(request.getHeader(MeshDeadline.HEADER), this.max);
		if (deadline == null) {
			chain.doFilter(request, response);
			return;
		}
		if (deadline.expired()) {
			exceeded(response);
			return;
		}
		MeshDeadline.setCurrent(deadline);
		ThreadAlarms.Alarm alarm = ThreadAlarms.start(Duration.ofNanos(deadline.remainingNanos()));
		Exception failure = null;
		boolean fired;
		try {
			chain.doFilter(request, response);
		}
		catch (IOException | ServletException | RuntimeException ex) {
			failure = ex;
		}
		finally {
			fired = alarm.stop();
			MeshDeadline.setCurrent(null);
		}
		if (fired || (failure != null && deadline.expired())) {
			exceeded(response);
			return;
		}
		if (failure instanceof IOException io) {
			throw io;
		}
		if (failure instanceof ServletException servlet) {
			throw servlet;
		}
		if (failure != null) {
			throw (RuntimeException) failure;
		}
	}

	private void exceeded(HttpServletResponse response) throws IOException {
		this.listener.inboundDeadlineExceeded();
		if (response.isCommitted()) {
			return;
		}
		response.reset();
		response.setStatus(504);
		response.setContentType(Problems.CONTENT_TYPE);
		response.getOutputStream().write(Problems.DEADLINE_EXCEEDED);
	}

}
