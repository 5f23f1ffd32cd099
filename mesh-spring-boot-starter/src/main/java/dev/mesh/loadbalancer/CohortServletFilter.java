package dev.mesh.loadbalancer;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Keeps the canary cohort of an inbound request for the outbound calls made while serving
 * it on the same thread.
 */
class CohortServletFilter extends OncePerRequestFilter {

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		MeshCohort cohort = MeshCohort.parse(request.getHeader(MeshCohort.HEADER));
		if (cohort == null) {
			chain.doFilter(request, response);
			return;
		}
		MeshCohort.setCurrent(cohort);
		try {
			chain.doFilter(request, response);
		}
		finally {
			MeshCohort.setCurrent(null);
		}
	}

}
