package dev.mesh.policy.identity;

import org.jspecify.annotations.Nullable;

/**
 * The admin asks for a join token that entitles its holder to one identity.
 *
 * @param namespace namespace of the identity; {@code default} when absent
 * @param serviceAccount service account of the identity, usually the service name
 * @param ttl how long the token is valid, such as {@code 24h} or {@code PT24H}; when
 * absent it is valid until revoked
 */
public record JoinTokenRequest(@Nullable String namespace, @Nullable String serviceAccount, @Nullable String ttl) {

}
