package dev.mesh.control.ca;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.mesh.control.registry.MutableClock;
import dev.mesh.policy.identity.JoinToken;
import dev.mesh.policy.identity.SpiffeId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class JoinTokenStoreTests {

	private static final SpiffeId CATALOG = new SpiffeId("cluster.local", "shop", "catalog");

	private static final SpiffeId PRICING = new SpiffeId("cluster.local", "shop", "pricing");

	@TempDir
	Path directory;

	private final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));

	@Test
	void entitlesEachTokenToItsOwnIdentityOnly() throws IOException {
		JoinTokenStore store = store();
		JoinToken catalog = store.mint(CATALOG, null);
		JoinToken pricing = store.mint(PRICING, Duration.ofHours(1));
		assertThat(catalog.token()).startsWith("join." + catalog.id() + ".");
		assertThat(catalog.spiffeId()).isEqualTo(CATALOG.toString());
		assertThat(store.authenticate(catalog.token()).block()).isEqualTo(CATALOG);
		assertThat(store.authenticate(pricing.token()).block()).isEqualTo(PRICING);
		assertThat(pricing.expiresAt()).isEqualTo(this.clock.instant().plus(Duration.ofHours(1)));
	}

	@Test
	void keepsTokensHashedAcrossRestarts() throws IOException {
		JoinToken catalog = store().mint(CATALOG, null);
		Path file = this.directory.resolve(JoinTokenStore.FILE);
		String stored = Files.readString(file);
		assertThat(stored).contains(catalog.id()).doesNotContain(catalog.token().substring(22));
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
		JoinTokenStore restarted = store();
		assertThat(restarted.authenticate(catalog.token()).block()).isEqualTo(CATALOG);
		assertThat(restarted.list()).singleElement().satisfies((token) -> {
			assertThat(token.id()).isEqualTo(catalog.id());
			assertThat(token.token()).isNull();
		});
	}

	@Test
	void refusesRevokedWrongAndMalformedTokens() throws IOException {
		JoinTokenStore store = store();
		JoinToken catalog = store.mint(CATALOG, null);
		String wrongSecret = catalog.token().substring(0, catalog.token().length() - 4) + "AAAA";
		assertRejected(store, wrongSecret, "invalid-credential");
		assertRejected(store, "join.nothing", "invalid-credential");
		assertThat(store.revoke(catalog.id())).isTrue();
		assertThat(store.revoke(catalog.id())).isFalse();
		assertRejected(store, catalog.token(), "invalid-credential");
		assertRejected(store(), catalog.token(), "invalid-credential");
	}

	@Test
	void refusesExpiredTokensAndForgetsThemOnTheNextWrite() throws IOException {
		JoinTokenStore store = store();
		JoinToken catalog = store.mint(CATALOG, Duration.ofMinutes(10));
		this.clock.advance(Duration.ofMinutes(10));
		assertRejected(store, catalog.token(), "expired-credential");
		store.mint(PRICING, null);
		assertThat(store.list()).extracting(JoinToken::spiffeId).containsExactly(PRICING.toString());
	}

	@Test
	void refusesToStartWithAnUnreadableFile() throws IOException {
		Files.writeString(this.directory.resolve(JoinTokenStore.FILE), "{not json");
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(this::store)
			.withMessageContaining("Cannot read the join tokens");
	}

	private JoinTokenStore store() throws IOException {
		return new JoinTokenStore(new SecureFiles(this.directory), "cluster.local", this.clock);
	}

	private static void assertRejected(JoinTokenStore store, String token, String reason) {
		assertThatExceptionOfType(RequestRejectedException.class).isThrownBy(() -> store.authenticate(token).block())
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(403))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(reason));
	}

}
