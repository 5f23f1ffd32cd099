package dev.mesh.sample.storefront;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import dev.mesh.core.MeshWorkload;

/**
 * {@code GET /products}: the catalog's items, with the chain that served them;
 * {@code GET /}: an index of what to call.
 */
@RestController
class StorefrontController {

	private final MeshWorkload workload;

	private final CatalogClient catalog;

	StorefrontController(MeshWorkload workload, CatalogClient catalog) {
		this.workload = workload;
		this.catalog = catalog;
	}

	@GetMapping("/")
	ResponseEntity<Index> index() {
		Map<String, String> links = new LinkedHashMap<>();
		links.put("products", "/products");
		links.put("liveness", "/livez");
		links.put("readiness", "/readyz");
		List<String> chain = List.of(this.workload.label());
		return withChain(new Index(this.workload.service(), this.workload.version(), links, chain), chain);
	}

	@GetMapping("/products")
	Mono<ResponseEntity<Products>> products() {
		return this.catalog.items().map((page) -> {
			List<String> chain = MeshChain.of(this.workload.label(), page.chain());
			return withChain(new Products(page.items(), chain), chain);
		});
	}

	private static <T> ResponseEntity<T> withChain(T body, List<String> chain) {
		return ResponseEntity.ok().header(MeshChain.HEADER, MeshChain.header(chain)).body(body);
	}

}
