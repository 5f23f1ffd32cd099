# hop: a caller calls a backend (2 instances) once per request, through each path in turn.
# Every path runs at the same time (idle unless measured), so that repetitions interleave:
# floor P0 P1 P1a P2 P3 P3a P3b, floor P0 … Each block is one fresh load-generator run: for each fixed
# rate, a warm-up at that rate (excluded), then the measured segment; then wrk's maximum throughput.
# One plain caller JVM serves P0, P1, P1a and P2 (routes), so those paths share code and JIT state;
# P3 and P3b share the mTLS mesh's backends and control service, each with a caller of its own.

suite_hop() {
  local ids=() id
  for id in "${SELECTED_PATHS[@]}"; do
    ((PATH_MEASURABLE[$id])) && ids+=("$id")
  done
  ((${#ids[@]} > 0)) || die "no measurable path selected"
  say "hop: starting ${ids[*]} (every program on CPU $SUT_CPUS)..."
  for id in "${ids[@]}"; do
    "path_${id}_start"
    say "hop: $id is up: ${PATH_PIDS[$id]}"
  done
  # A JVM's JIT takes a while to settle, longer on one shared CPU: warm each path at 1,000 req/s
  # until its CPU per request is steady (three windows in a row within 10%), then at 2,000 req/s and
# with wrk.
  say "hop: warming up every path until its CPU per request is steady (${WARMUP_MIN}–${WARMUP_MAX}s each; excluded)..."
  local min extra
  for id in "${ids[@]}"; do
    check_budget
    min=$WARMUP_MIN
    [[ $id == floor ]] && min=$((3 * WARMUP_WINDOW))
    extra=()
    ((PATH_SATURATION[$id])) && extra=(--then-rates 2000 --then-wrk "$((WRK_WARMUP + 1))s")
    loadgen $((WARMUP_MAX + 120)) warmup --target "$id" --url "${PATH_URL[$id]}" --rate 1000 \
      --window "${WARMUP_WINDOW}s" --min "${min}s" --max "${WARMUP_MAX}s" --connections "$CONNECTIONS" \
      --pids "${PATH_PIDS[$id]}" --clk-tck "$(getconf CLK_TCK)" --out "$RAW/warmup" "${extra[@]}" \
      >"$LOGS/warmup-$id.log" 2>&1 || die "warm-up of $id failed: see $LOGS/warmup-$id.log"
    say "hop: $(tail -1 "$LOGS/warmup-$id.log" | sed 's/^\[loadgen\] //')"
  done
  local rep
  for ((rep = 1; rep <= REPS; rep++)); do
    for id in "${ids[@]}"; do
      check_budget
      say "hop: repetition $rep/$REPS, $id"
      hop_block "$id" "$rep" "$RAW/hop" "$RATES" "${WARMUP}s" "${DURATION}s" || die "hop: $id failed in repetition $rep"
    done
  done
  stop_started
}

# hop_block ID REP OUT RATES WARMUP DURATION — one load-generator run against one path.
hop_block() {
  local id=$1 rep=$2 out=$3 rates=$4 warmup=$5 duration=$6
  local args=(run --suite hop --target "$id" --rep "$rep" --url "${PATH_URL[$id]}" --rates "$rates"
    --warmup "$warmup" --duration "$duration" --connections "$CONNECTIONS" --pids "${PATH_PIDS[$id]}"
    --clk-tck "$(getconf CLK_TCK)" --sut-cpus "$SUT_CPUS" --loadgen-cpus "$LOADGEN_CPUS" --out "$out")
  [[ -n "${PATH_COUNTERS[$id]:-}" ]] && args+=(--counters "${PATH_COUNTERS[$id]}")
  if ((PATH_SATURATION[$id])); then
    args+=(--saturation --wrk-connections "$WRK_CONNECTIONS" --wrk-threads 1 --wrk-warmup "${WRK_WARMUP}s"
      --wrk-duration "${WRK_DURATION:-${duration%s}}s")
  fi
  local n
  n=$(echo "$rates" | tr ',' '\n' | wc -l)
  loadgen $((n * (${warmup%s} + ${duration%s} + 15) + WRK_WARMUP + ${duration%s} + 90)) "${args[@]}"
}
