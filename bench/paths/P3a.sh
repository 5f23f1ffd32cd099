# P3a: the starter without TLS, as it is today: the caller with the starter calls
# http://bench-backend, resolved and balanced (round robin) in-process from the control service's
# push. The backends carry the starter too, and the control service is counted in the path.
register_path P3a "the starter without TLS: discovery + round robin, in process" \
  "the control service's CPU and memory are counted in the path"

path_P3a_start() {
  ensure_mesh
  # shellcheck disable=SC2046
  start_java caller-mesh "$MESH_CALLER_JAR" --server.port="$(port 240)" --bench.caller.routes.mesh=http://bench-backend \
    $(MESH_ARGS)
  local pid=$LAST_PID
  wait_http "http://127.0.0.1:$(port 240)/hop/mesh" 180 "$pid" caller-mesh
  check_body "http://127.0.0.1:$(port 240)/hop/mesh"
  PATH_URL[P3a]="http://127.0.0.1:$(port 240)/hop/mesh"
  PATH_PIDS[P3a]="caller=$pid,$MESH_BACKENDS"
}
