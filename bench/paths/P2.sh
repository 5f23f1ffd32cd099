# P2: the sidecar mesh with haproxy. caller → its haproxy → mTLS → the backend's haproxy → backend.
register_path P2 "haproxy sidecar pair, mTLS between the sidecars (TLS 1.3, ECDSA P-256)"

path_P2_start() { haproxy_pair P2 230 haproxy-mtls; }
