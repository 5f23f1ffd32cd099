package dev.mesh.sample.catalog;

import java.util.List;
import java.util.Map;

import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

import dev.mesh.core.MeshWorkload;

/**
 * Puts the call chain of every response body in the {@value Chained#HEADER} header. A
 * problem detail without a chain originates here, so its chain is this workload alone.
 */
@RestControllerAdvice
class MeshChainAdvice implements ResponseBodyAdvice<Object> {

	private final List<String> ownChain;

	MeshChainAdvice(MeshWorkload workload) {
		this.ownChain = List.of(workload.label());
	}

	@Override
	public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
		return true;
	}

	@Override
	public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType selectedContentType,
			Class<? extends HttpMessageConverter<?>> selectedConverterType, ServerHttpRequest request,
			ServerHttpResponse response) {
		response.getHeaders().set(Chained.HEADER, String.join(", ", chain(body)));
		return body;
	}

	private List<String> chain(Object body) {
		if (body instanceof Chained chained) {
			return chained.chain();
		}
		if (body instanceof ProblemDetail problem) {
			Map<String, Object> properties = problem.getProperties();
			if (properties != null && properties.get(Chained.FIELD) instanceof List<?> chain) {
				return chain.stream().map(String::valueOf).toList();
			}
			problem.setProperty(Chained.FIELD, this.ownChain);
		}
		return this.ownChain;
	}

}
