# P3b: the starter with mTLS but no resilience. Not measurable until the starter has mTLS.
if starter_has identity; then
  P3B_REASON="not measured: the starter now has mTLS, but bench/paths/P3b.sh does not configure it yet"
else
  P3B_REASON="not measurable yet: the starter has no mTLS (issues 6 and 7)"
fi
register_unavailable P3b "the starter with mTLS, without resilience" "$P3B_REASON"
