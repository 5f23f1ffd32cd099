package dev.mesh.sample.storefront;

import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * {@link CatalogClient} on a {@link WebClient} built from the auto-configured builder, so
 * that {@code http://catalog} is resolved through the mesh.
 */
@Component
class WebCatalogClient implements CatalogClient {

	/**
	 * Base URL of the catalog service: its mesh service name.
	 */
	static final String BASE_URL = "http://catalog";

	private final WebClient client;

	WebCatalogClient(WebClient.Builder builder) {
		this.client = builder.baseUrl(BASE_URL).build();
	}

	@Override
	public Mono<CatalogPage> items() {
		return this.client.get().uri("/catalog/items").retrieve().bodyToMono(CatalogPage.class);
	}

}
