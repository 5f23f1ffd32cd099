package dev.mesh.sample.catalog;

import java.util.List;

import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * {@link PricingClient} on a {@link RestClient} built from the auto-configured builder,
 * so that {@code http://pricing} is resolved through the mesh.
 */
@Component
class RestPricingClient implements PricingClient {

	/**
	 * Base URL of the pricing service: its mesh service name.
	 */
	static final String BASE_URL = "http://pricing";

	private final RestClient client;

	RestPricingClient(RestClient.Builder builder) {
		this.client = builder.baseUrl(BASE_URL).build();
	}

	@Override
	public PriceList prices(List<String> skus) {
		return this.client.get()
			.uri((uri) -> uri.path("/prices").queryParam("skus", String.join(",", skus)).build())
			.retrieve()
			.body(PriceList.class);
	}

}
