# lb: tail latency with one of three instances answering late. Three backends with the starter are
# registered with a control service of the suite's own as one destination; the third answers every
# request LB_DELAY late. Three callers with the starter, identical but for the destination's
# load-balancer algorithm (ROUND_ROBIN, LATENCY_AWARE, LEAST_REQUEST), run side by side (idle unless
# measured); the open-loop generator drives one at a time at LB_RATE. Interleaved: RR LA LR, RR LA LR…
# Each instance counts what it served (GET /served), read before and after each segment.

LB_ALGORITHMS=(ROUND_ROBIN LATENCY_AWARE LEAST_REQUEST)
LB_SERVICE=bench-lb
LB_DELAY=50ms
# 200 req/s: round robin sends a third (67 req/s) to the slow instance, which then holds about 3
# requests at a time (67 x 50 ms), far below the generator's 64 connections and the callers' 200
# request threads. On this 2-CPU machine, shared and busy, the starter's path costs 1.1-2.4 CPU-ms
# per request at this low rate (more than in the hop suite: fewer requests per wake-up, a busy sibling
# CPU): at 400 req/s it took 45-95% of the SUT CPU, other work took the rest, and requests queued
# (round robin's p50 reached 55 ms). At 200 req/s the path needs a quarter to a half of the SUT CPU,
# so round robin's tail is the slow instance's, not queueing. BENCH_LB_RATE sets another rate.
LB_RATE=${BENCH_LB_RATE:-200}

suite_lb() {
  local duration=10
  ((QUICK)) && duration=3
  local dir="$WORK/lb"
  mkdir -p "$dir" "$RAW/lb"
  {
    echo "service=$LB_SERVICE"
    echo "delay=$LB_DELAY"
    echo "rate=$LB_RATE"
    if [[ -n "${BENCH_LB_RATE:-}" ]]; then
      echo "rate_reason=the rate was set with BENCH_LB_RATE."
    else
      echo "rate_reason=round robin sends a third of it (67 req/s) to the slow instance, which then holds about 3 requests at a time (67 × 50 ms), far below the 64 connections and the callers' 200 request threads; and on this shared, busy 2-CPU machine the path costs 1.1–2.4 CPU-ms per request at such rates, so at 400 req/s it took 45–95% of the SUT CPU with other work on top and requests queued (round robin's p50 reached 55 ms), while at 200 req/s it needs a quarter to a half of it: round robin's tail is the slow instance's, not queueing."
    fi
    echo "connections=$CONNECTIONS"
    echo "reps=$REPS"
    echo "warmup=${WARMUP}s"
    echo "duration=${duration}s"
    echo "initial_warmup=${WARMUP_WINDOW} s windows, at least ${WARMUP_MIN} s, at most ${WARMUP_MAX} s"
  } >"$META/lb.txt"

  say "lb: a control service, 3 backends ($LB_SERVICE, the third $LB_DELAY late) and 3 callers on CPU $SUT_CPUS..."
  start_control control-lb 700 "$dir/data"
  local control=$LAST_PID i backends=() names=(fast_1 fast_2 slow)
  for i in 1 2 3; do
    local slow=()
    ((i == 3)) && slow=(--bench.backend.slow=true --bench.backend.delay="$LB_DELAY")
    start_mesh_backend "lb-backend-$i" $((710 + i)) "$LB_SERVICE" 700 "$dir" "${slow[@]}"
    backends+=("$LAST_PID")
  done
  for i in 1 2 3; do
    wait_http "http://127.0.0.1:$(port $((710 + i)))/payload" 180 "${backends[$((i - 1))]}" "lb-backend-$i"
  done
  wait_registered "$LB_SERVICE" 3 700 60
  local counters="$WORK/counters-lb.sh"
  {
    echo '#!/bin/sh'
    echo '# Responses each backend instance has served so far (GET /served).'
    for i in 1 2 3; do
      echo "served=\$(curl -sf --max-time 5 http://127.0.0.1:$(port $((710 + i)))/served) || exit 1"
      echo "echo served_${names[$((i - 1))]}=\$served"
    done
  } >"$counters"
  chmod +x "$counters"

  local -A caller_pid caller_url
  local algorithm offset=720
  for algorithm in "${LB_ALGORITHMS[@]}"; do
    offset=$((offset + 1))
    start_mesh_caller "lb-caller-$algorithm" "$offset" lb "$LB_SERVICE" 700 "$dir" \
      --mesh.outbound.destinations."$LB_SERVICE".load-balancer.algorithm="$algorithm"
    caller_pid[$algorithm]=$LAST_PID
    caller_url[$algorithm]="http://127.0.0.1:$(port "$offset")/hop/lb"
    lb_check_algorithm "$algorithm" "$(port "$offset")"
  done
  local common="backend-1=${backends[0]},backend-2=${backends[1]},slow-backend=${backends[2]},control=$control"

  say "lb: warming up each caller at 1,000 req/s until its CPU per request is steady (${WARMUP_MIN}–${WARMUP_MAX}s each; excluded)..."
  for algorithm in "${LB_ALGORITHMS[@]}"; do
    check_budget
    loadgen $((WARMUP_MAX + 120)) warmup --target "$algorithm" --url "${caller_url[$algorithm]}" --rate 1000 \
      --window "${WARMUP_WINDOW}s" --min "${WARMUP_MIN}s" --max "${WARMUP_MAX}s" --connections "$CONNECTIONS" \
      --pids "caller=${caller_pid[$algorithm]},$common" --clk-tck "$(getconf CLK_TCK)" --out "$RAW/lb-warmup" \
      >"$LOGS/lb-warmup-$algorithm.log" 2>&1 || die "lb: warm-up of $algorithm failed: see $LOGS/lb-warmup-$algorithm.log"
    say "lb: $(tail -1 "$LOGS/lb-warmup-$algorithm.log" | sed 's/^\[loadgen\] //')"
  done

  local rep
  for ((rep = 1; rep <= REPS; rep++)); do
    for algorithm in "${LB_ALGORITHMS[@]}"; do
      check_budget
      say "lb: repetition $rep/$REPS, $algorithm at $LB_RATE req/s"
      loadgen $((WARMUP + duration + 90)) run --suite lb --target "$algorithm" --rep "$rep" \
        --url "${caller_url[$algorithm]}" --rates "$LB_RATE" --warmup "${WARMUP}s" --duration "${duration}s" \
        --connections "$CONNECTIONS" --pids "caller=${caller_pid[$algorithm]},$common" --counters "$counters" \
        --clk-tck "$(getconf CLK_TCK)" --sut-cpus "$SUT_CPUS" --loadgen-cpus "$LOADGEN_CPUS" --out "$RAW/lb" ||
        die "lb: $algorithm failed in repetition $rep"
    done
  done
  offset=720
  for algorithm in "${LB_ALGORITHMS[@]}"; do
    offset=$((offset + 1))
    curl -sf --max-time 5 "http://127.0.0.1:$(port "$offset")/actuator/mesh" >"$dir/mesh-$algorithm.json" || true
  done
  stop_started
}

# lb_check_algorithm ALGORITHM PORT — the caller's balancer runs the algorithm it was given
# (/actuator/mesh lists the destination once it has been called).
lb_check_algorithm() {
  curl -sf --max-time 5 "http://127.0.0.1:$2/actuator/mesh" | grep -Eq "\"algorithm\" *: *\"$1\"" ||
    die "lb: the caller on port $2 does not balance $LB_SERVICE with $1 (see its /actuator/mesh)"
}
