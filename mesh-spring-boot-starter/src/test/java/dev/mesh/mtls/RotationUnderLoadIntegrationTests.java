package dev.mesh.mtls;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.client.RestClient;

import dev.mesh.identity.MeshIdentity;
import dev.mesh.identity.TestCertificateAuthority;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Half-minute certificates renewed after a tenth of their lifetime (about every 3 s) on
 * both sides, under steady load through the JDK's HTTP client, with every tenth request
 * closing its connection so that new handshakes keep happening across the rotations.
 */
class RotationUnderLoadIntegrationTests {

	private static final Duration TTL = Duration.ofSeconds(30);

	private TestCertificateAuthority ca;

	private ConfigurableApplicationContext catalog;

	private ConfigurableApplicationContext storefront;

	private ScheduledExecutorService load;

	@BeforeEach
	void start() throws Exception {
		this.ca = MtlsApplications.authority("catalog", "storefront");
		this.ca.ttl(TTL);
		this.catalog = MtlsApplications.servlet(this.ca, "catalog", "mesh.identity.renewal-fraction=0.1");
		this.storefront = MtlsApplications.servlet(this.ca, "storefront", "mesh.identity.renewal-fraction=0.1",
				"spring.http.clients.imperative.factory=jdk",
				"mesh.discovery.static.services.catalog[0].url=http://127.0.0.1:" + MtlsApplications.port(this.catalog),
				"mesh.discovery.static.services.catalog[0].metadata[mesh.mtls]=STRICT");
		this.load = Executors.newScheduledThreadPool(4);
	}

	@AfterEach
	void stop() throws InterruptedException {
		this.load.shutdownNow();
		this.load.awaitTermination(10, TimeUnit.SECONDS);
		this.storefront.close();
		this.catalog.close();
		this.ca.close();
	}

	@Test
	void threeRotationsOnBothSidesUnderLoadFailNoRequestAndNoHandshake() throws InterruptedException {
		AtomicInteger serverRotations = rotations(this.catalog);
		AtomicInteger clientRotations = rotations(this.storefront);
		RestClient client = this.storefront.getBean(RestClient.Builder.class).build();
		AtomicLong sent = new AtomicLong();
		AtomicLong failed = new AtomicLong();
		AtomicReference<RuntimeException> firstFailure = new AtomicReference<>();
		for (int i = 0; i < 4; i++) {
			this.load.scheduleAtFixedRate(() -> {
				String path = (sent.incrementAndGet() % 10 == 0) ? "/bye" : "/hello";
				try {
					client.get().uri("http://catalog" + path).retrieve().body(String.class);
				}
				catch (RuntimeException ex) {
					failed.incrementAndGet();
					firstFailure.compareAndSet(null, ex);
				}
			}, i * 20L, 80, TimeUnit.MILLISECONDS);
		}
		await().atMost(Duration.ofSeconds(120)).until(() -> serverRotations.get() >= 3 && clientRotations.get() >= 3);
		TlsHandshakes callers = MtlsApplications.handshakes(this.storefront);
		long handshakesAfterRotations = callers.count(TlsHandshakes.Side.CLIENT, "ok");
		// New connections keep succeeding with the newest certificates of both sides
		await().atMost(Duration.ofSeconds(60))
			.until(() -> callers.count(TlsHandshakes.Side.CLIENT, "ok") > handshakesAfterRotations + 3);
		// Requests in flight finish; no new one starts
		this.load.shutdown();
		assertThat(this.load.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
		TlsHandshakes servers = MtlsApplications.handshakes(this.catalog);
		assertThat(sent.get()).isGreaterThan(200);
		assertThat(failed.get()).as("failed requests, the first: %s", firstFailure.get()).isZero();
		assertThat(callers.count(TlsHandshakes.Side.CLIENT, "failed")).isZero();
		assertThat(servers.count(TlsHandshakes.Side.SERVER, "failed")).isZero();
		assertThat(servers.count(TlsHandshakes.Side.SERVER, "ok")).isGreaterThan(20);
	}

	private static AtomicInteger rotations(ConfigurableApplicationContext app) {
		AtomicInteger rotations = new AtomicInteger();
		app.getBean(MeshIdentity.class).addListener((credential) -> rotations.incrementAndGet());
		return rotations;
	}

}
