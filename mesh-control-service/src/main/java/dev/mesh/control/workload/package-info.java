/**
 * Who calls the control service's workload endpoints (registry writes, the endpoint and
 * policy watches, acknowledgements): a verified workload certificate presented over TLS,
 * or, where identity is not required, the shared workload token.
 */
@NullMarked
package dev.mesh.control.workload;

import org.jspecify.annotations.NullMarked;
