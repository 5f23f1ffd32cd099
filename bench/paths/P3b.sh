# P3b: the starter with mTLS but without resilience: P3a's shape (the caller calls http://bench-backend,
# resolved and balanced in process; the backends carry the starter) in the mTLS mesh of
# ensure_tls_mesh (lib/programs.sh): workload certificates from the control service's CA, which is the
# harness's own root, mTLS STRICT between the apps, pooled connections. Retries off (one attempt), no
# timeout, no circuit breaker (none by default). Its p99 over P3a's is the p99 that mTLS adds at a
# fixed rate; the JVMs' JFR recording counts the new TLS handshakes per 10k requests (target 0).
register_path P3b "the starter with mTLS, without resilience (retries off, no timeout, no circuit breaker)" \
  "$(mesh_tls_note)"

path_P3b_start() {
  start_mesh_tls_caller P3b 250 --mesh.outbound.destinations.bench-backend.retries.attempts=1
  require_breaker P3b DISABLED
}
