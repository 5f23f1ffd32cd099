/**
 * The mesh's certificate authority: a generated or user-provided root or intermediate,
 * workload certificates signed for the identity a join token or a Kubernetes
 * service-account token entitles, the trust bundle, and the control service's own serving
 * certificate.
 */
@NullMarked
package dev.mesh.control.ca;

import org.jspecify.annotations.NullMarked;
