# P3b: the starter with mTLS but no resilience. Not measurable until the starter has mTLS.
# When it has: start the mesh backends and caller with the shared certificates ($CERTS) through the
# mesh SSL bundle, with start_java_counting_tls (lib/tls.sh) instead of start_java, set
# PATH_COUNTERS[P3b]=$(tls_counter_script P3b <their pids>) and use register_path: the hop report then
# gives "new TLS handshakes / 10k req" (issue 7's steady-state target: 0) and P3b's p99 over P3a's is
# the p99 that mTLS adds at a fixed rate.
if starter_has identity; then
  P3B_REASON="not measured: the starter now has mTLS, but bench/paths/P3b.sh does not configure it yet"
else
  P3B_REASON="not measurable yet: the starter has no mTLS (issues 6 and 7)"
fi
register_unavailable P3b "the starter with mTLS, without resilience" "$P3B_REASON"
