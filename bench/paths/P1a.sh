# P1a: P1 without TLS, only so that the starter without TLS (P3a) has a like-for-like sidecar path.
register_path P1a "nginx sidecar pair, plaintext (only for comparison with P3a)" \
  "not a mesh: no encryption or authentication between the sidecars"

path_P1a_start() { nginx_pair P1a 0 220 nginx-plain; }
