# P3: the proxyless mesh as the issue defines it: the starter with discovery, load balancing,
# retries, timeout, circuit breaker and mTLS. The starter has none of retries, timeouts, circuit
# breakers or mTLS yet, so P3 cannot be measured; it is never replaced by P3a's numbers.
# When the starter has them: start the mesh backends with the shared certificates ($CERTS) through
# SSL bundle properties, define path_P3_start like P3a's, and use register_path here.
if starter_has identity && starter_has resilience; then
  P3_REASON="not measured: the starter now has mTLS and resilience, but bench/paths/P3.sh does not configure them yet"
else
  P3_REASON="not measurable yet: the starter has no mTLS/resilience (issues 6 and 7)"
fi
register_unavailable P3 "the starter: discovery + load balancing + retries + timeout + circuit breaker + mTLS" \
  "$P3_REASON"
