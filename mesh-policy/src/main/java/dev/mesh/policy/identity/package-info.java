/**
 * Workload identity shared by the control service's certificate authority and the
 * starter: SPIFFE IDs, the wire types of the signing and join-token APIs, PEM encoding
 * and the checks every workload certificate must pass.
 */
@NullMarked
package dev.mesh.policy.identity;

import org.jspecify.annotations.NullMarked;
