# memory: the same caller with and without the starter, each started fresh, driven at a fixed rate
# for a while, then measured after a full GC: RSS, PSS, heap, metaspace, classes. Interleaved:
# plain, mesh, plain, mesh… The backends (plain and meshed) and the control service run throughout.

suite_memory() {
  ensure_plain_backends
  ensure_mesh
  local rep variant pid
  for ((rep = 1; rep <= REPS; rep++)); do
    for variant in plain mesh; do
      check_budget
      say "memory: repetition $rep/$REPS, $variant"
      start_app_caller "$variant" "caller-memory-$variant-$rep"
      pid=$LAST_PID
      loadgen 120 memory --variant "$variant" --rep "$rep" --pid "$pid" --url "$(app_caller_url "$variant")" \
        --rate "$MEMORY_RATE" --load "${MEMORY_LOAD}s" --connections "$CONNECTIONS" --out "$RAW/memory" ||
        die "memory: $variant failed in repetition $rep"
      stop_pids "$pid"
      forget_pid "$pid"
    done
  done
  stop_started
}

# app_caller_args VARIANT — the java arguments of the caller, with or without the starter.
app_caller_args() {
  if [[ $1 == mesh ]]; then
    echo "$MESH_CALLER_JAR" --server.port="$(port 300)" --bench.caller.routes.mesh=http://bench-backend $(MESH_ARGS)
  else
    echo "$PLAIN_CALLER_JAR" --server.port="$(port 300)" \
      --bench.caller.routes.direct="http://127.0.0.1:$(port 101),http://127.0.0.1:$(port 102)"
  fi
}

# app_caller_url VARIANT — what the memory and startup suites call.
app_caller_url() {
  if [[ $1 == mesh ]]; then echo "http://127.0.0.1:$(port 300)/hop/mesh"; else echo "http://127.0.0.1:$(port 300)/hop/direct"; fi
}

# start_app_caller VARIANT NAME — start the caller and wait until it serves; sets LAST_PID.
start_app_caller() {
  local args
  read -r -a args <<<"$(app_caller_args "$1")"
  start_java "$2" "${args[@]}"
  local pid=$LAST_PID
  wait_http "$(app_caller_url "$1")" 180 "$pid" "$2"
  LAST_PID=$pid
}
