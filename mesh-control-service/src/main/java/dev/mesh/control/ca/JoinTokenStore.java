package dev.mesh.control.ca;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import dev.mesh.policy.identity.CertificateApi;
import dev.mesh.policy.identity.JoinToken;
import dev.mesh.policy.identity.SpiffeId;

/**
 * Join tokens: each entitles its holder to one identity. A token is
 * {@code join.<id>.<secret>}; only the SHA-256 of the secret is kept, in {@value #FILE}
 * in the authority's directory (owner-only, replaced atomically on every change, so
 * tokens survive restarts). A token works until it expires or is revoked.
 */
final class JoinTokenStore implements WorkloadAuthenticator {

	/**
	 * Name of the file of join tokens.
	 */
	static final String FILE = "join-tokens.json";

	private static final Log logger = LogFactory.getLog(JoinTokenStore.class);

	private static final Pattern TOKEN = Pattern.compile("join\\.([0-9a-f]{16})\\.([A-Za-z0-9_-]{43})");

	private static final Pattern ID = Pattern.compile("[0-9a-f]{16}");

	private static final JsonMapper json = JsonMapper.builder().build();

	private final SecureFiles files;

	private final String trustDomain;

	private final Clock clock;

	private final SecureRandom random = new SecureRandom();

	private final AtomicReference<Map<String, Entry>> entries = new AtomicReference<>(Map.of());

	JoinTokenStore(SecureFiles files, String trustDomain, Clock clock) {
		this.files = files;
		this.trustDomain = trustDomain;
		this.clock = clock;
		this.entries.set(load(files.resolve(FILE)));
	}

	/**
	 * Mint a token.
	 * @param id the identity it entitles to
	 * @param ttl its lifetime, or {@code null} for a token that only revocation ends
	 * @return the token, with its secret
	 */
	synchronized JoinToken mint(SpiffeId id, @Nullable Duration ttl) {
		byte[] secretBytes = new byte[32];
		this.random.nextBytes(secretBytes);
		String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(secretBytes);
		byte[] idBytes = new byte[8];
		this.random.nextBytes(idBytes);
		String tokenId = HexFormat.of().formatHex(idBytes);
		Instant now = this.clock.instant();
		Entry entry = new Entry(tokenId, id.namespace(), id.serviceAccount(), hash(secret), now,
				(ttl != null) ? now.plus(ttl) : null);
		Map<String, Entry> next = withoutExpired(now);
		next.put(tokenId, entry);
		save(next);
		logger.info("Minted join token " + tokenId + " for " + id
				+ ((ttl != null) ? ", valid until " + entry.expiresAt() : ""));
		return toJoinToken(entry, CertificateApi.JOIN_TOKEN_PREFIX + tokenId + "." + secret);
	}

	/**
	 * Revoke a token.
	 * @param tokenId the token's id
	 * @return whether it existed
	 */
	synchronized boolean revoke(String tokenId) {
		Map<String, Entry> next = withoutExpired(this.clock.instant());
		boolean existed = next.remove(tokenId) != null || this.entries.get().containsKey(tokenId);
		if (existed) {
			save(next);
			logger.info("Revoked join token " + tokenId);
		}
		return existed;
	}

	/**
	 * Return every token, without secrets.
	 * @return the tokens, oldest first
	 */
	List<JoinToken> list() {
		return this.entries.get().values().stream().map((entry) -> toJoinToken(entry, null)).toList();
	}

	static boolean isTokenId(String text) {
		return ID.matcher(text).matches();
	}

	@Override
	public String credentialType() {
		return "join-token";
	}

	@Override
	public boolean supports(String token) {
		return token.startsWith(CertificateApi.JOIN_TOKEN_PREFIX);
	}

	@Override
	public Mono<SpiffeId> authenticate(String token) {
		return Mono.fromCallable(() -> check(token));
	}

	private SpiffeId check(String token) {
		Matcher matcher = TOKEN.matcher(token);
		Entry entry = matcher.matches() ? this.entries.get().get(matcher.group(1)) : null;
		if (entry == null || !MessageDigest.isEqual(entry.hash().getBytes(StandardCharsets.US_ASCII),
				hash(matcher.group(2)).getBytes(StandardCharsets.US_ASCII))) {
			throw RequestRejectedException.forbidden("invalid-credential",
					"the join token is not valid (unknown, revoked or mistyped)");
		}
		if (entry.expiresAt() != null && !this.clock.instant().isBefore(entry.expiresAt())) {
			throw RequestRejectedException.forbidden("expired-credential",
					"join token " + entry.id() + " expired at " + entry.expiresAt());
		}
		return new SpiffeId(this.trustDomain, entry.namespace(), entry.serviceAccount());
	}

	private Map<String, Entry> withoutExpired(Instant now) {
		Map<String, Entry> next = new LinkedHashMap<>(this.entries.get());
		next.values().removeIf((entry) -> entry.expiresAt() != null && !now.isBefore(entry.expiresAt()));
		return next;
	}

	private void save(Map<String, Entry> next) {
		try {
			this.files.write(FILE, json.writeValueAsBytes(new TokenFile(List.copyOf(next.values()))));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write " + this.files.resolve(FILE), ex);
		}
		this.entries.set(Collections.unmodifiableMap(next));
	}

	private JoinToken toJoinToken(Entry entry, @Nullable String token) {
		return new JoinToken(entry.id(),
				new SpiffeId(this.trustDomain, entry.namespace(), entry.serviceAccount()).toString(), entry.createdAt(),
				entry.expiresAt(), token);
	}

	private static Map<String, Entry> load(Path file) {
		if (!Files.exists(file)) {
			return Map.of();
		}
		try {
			Map<String, Entry> loaded = new LinkedHashMap<>();
			for (Entry entry : json.readValue(Files.readAllBytes(file), TokenFile.class).tokens()) {
				loaded.put(entry.id(), entry);
			}
			return Collections.unmodifiableMap(loaded);
		}
		catch (IOException | JacksonException ex) {
			throw new IllegalStateException("Cannot read the join tokens in " + file + ": " + ex.getMessage()
					+ "; restore the file from a backup, or remove it to revoke every join token", ex);
		}
	}

	private static String hash(String secret) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.US_ASCII)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A stored token: the hash of its secret, never the secret.
	 *
	 * @param id public id
	 * @param namespace namespace of the identity
	 * @param serviceAccount service account of the identity
	 * @param hash hex SHA-256 of the secret
	 * @param createdAt when it was minted
	 * @param expiresAt when it expires, or {@code null}
	 */
	record Entry(String id, String namespace, String serviceAccount, String hash, Instant createdAt,
			@Nullable Instant expiresAt) {

	}

	/**
	 * The file's content.
	 *
	 * @param tokens every token
	 */
	record TokenFile(List<Entry> tokens) {

	}

}
