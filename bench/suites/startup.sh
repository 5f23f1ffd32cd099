# startup: time to ready of the same caller with and without the starter, interleaved: from the
# launch of the JVM to the first successful GET /hop (which calls a backend; with the starter,
# through the mesh, so discovery is part of "ready"). The backends and the control service run
# throughout, idle.

suite_startup() {
  ensure_plain_backends
  ensure_mesh
  local rep variant args
  for ((rep = 1; rep <= REPS; rep++)); do
    for variant in plain mesh; do
      check_budget
      read -r -a args <<<"$(app_caller_args "$variant")"
      loadgen 240 startup --variant "$variant" --rep "$rep" --url "$(app_caller_url "$variant")" \
        --timeout 180s --log "$LOGS/startup-$variant-$rep.log" --out "$RAW/startup" \
        -- taskset -c "$SUT_CPUS" "$JAVA" "${JVM_FLAGS[@]}" -jar "${args[@]}" ||
        die "startup: $variant failed in repetition $rep"
    done
  done
  stop_started
}
