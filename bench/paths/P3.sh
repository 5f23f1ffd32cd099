# P3: the proxyless mesh as the issue defines it: the starter with discovery, load balancing, retries,
# timeout, circuit breaker and mTLS. P3b's mTLS mesh (ensure_tls_mesh, the same backends and control
# service) and a caller of its own with the chain suite's timeout and breaker on bench-backend and the
# default retries (3 attempts on connect failure, reset and 503, within the retry budget): a fast
# backend never uses them, so what P3 adds over P3b is the chain's own work per call.
register_path P3 "the starter: discovery + load balancing + retries + timeout + circuit breaker + mTLS" \
  "$(mesh_tls_note); timeout 2s, circuit breaker (count-based, 100 calls, opens at 50% failures after 20), default retries"

path_P3_start() {
  local destination=--mesh.outbound.destinations.bench-backend
  start_mesh_tls_caller P3 260 "$destination.timeout=2s" "$destination.circuit-breaker.sliding-window-size=100" \
    "$destination.circuit-breaker.failure-rate-threshold=50" "$destination.circuit-breaker.minimum-calls=20"
  require_breaker P3 CLOSED
}
