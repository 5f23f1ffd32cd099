package dev.mesh.gateway.edge;

import java.net.InetSocketAddress;

import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

import static org.assertj.core.api.Assertions.assertThat;

class ClientAddressesTests {

	private final ClientAddresses addresses = new ClientAddresses("10\\.0\\.0\\.\\d+");

	@Test
	void believesNoForwardedAddressFromAnUntrustedPeer() {
		MockServerHttpRequest request = from("198.51.100.7", "203.0.113.1, 10.0.0.1");
		assertThat(this.addresses.client(request)).isEqualTo("198.51.100.7");
		assertThat(this.addresses.chain(request)).containsExactly("198.51.100.7");
	}

	@Test
	void readsForwardedAddressesFromTheRightUpToTheFirstUntrustedOne() {
		MockServerHttpRequest request = MockServerHttpRequest.get("/")
			.remoteAddress(new InetSocketAddress("10.0.0.3", 4000))
			.header("X-Forwarded-For", "1.2.3.4, 203.0.113.9")
			.header("X-Forwarded-For", "10.0.0.2")
			.build();
		assertThat(this.addresses.client(request)).isEqualTo("203.0.113.9");
		assertThat(this.addresses.chain(request)).containsExactly("203.0.113.9", "10.0.0.2", "10.0.0.3");
	}

	@Test
	void stopsAtAnEntryThatIsNotAnAddress() {
		MockServerHttpRequest request = from("10.0.0.3", "203.0.113.9, unknown");
		assertThat(this.addresses.client(request)).isEqualTo("10.0.0.3");
	}

	@Test
	void takesTheTrustedPeerItselfWhenNothingWasForwarded() {
		assertThat(this.addresses.client(from("10.0.0.3", null))).isEqualTo("10.0.0.3");
	}

	@Test
	void trustsNoProxyWithoutAPattern() {
		ClientAddresses none = new ClientAddresses(null);
		assertThat(none.client(from("10.0.0.3", "203.0.113.9"))).isEqualTo("10.0.0.3");
		assertThat(none.isTrusted("10.0.0.3")).isFalse();
	}

	private static MockServerHttpRequest from(String peer, String forwardedFor) {
		MockServerHttpRequest.BaseBuilder<?> request = MockServerHttpRequest.get("/")
			.remoteAddress(new InetSocketAddress(peer, 4000));
		if (forwardedFor != null) {
			request.header("X-Forwarded-For", forwardedFor);
		}
		return request.build();
	}

}
