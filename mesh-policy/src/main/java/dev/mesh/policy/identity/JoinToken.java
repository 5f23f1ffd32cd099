package dev.mesh.policy.identity;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A join token as the API shows it. The secret {@link #token()} appears once, in the
 * answer to the request that mints it; the control service keeps only its hash.
 *
 * @param id public id of the token, used to revoke it
 * @param spiffeId the identity the token entitles its holder to
 * @param createdAt when it was minted
 * @param expiresAt when it expires, {@code null} when only revocation ends it
 * @param token the token to hand to the workload ({@code join.<id>.<secret>}), only when
 * minted
 */
public record JoinToken(String id, String spiffeId, Instant createdAt, @Nullable Instant expiresAt,
		@Nullable String token) {

}
