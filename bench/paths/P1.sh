# P1: the sidecar mesh with nginx. caller → its nginx → mTLS → the backend's nginx → backend.
register_path P1 "nginx sidecar pair, mTLS between the sidecars (TLS 1.3, ECDSA P-256)"

path_P1_start() { nginx_pair P1 1 210 nginx-mtls; }
