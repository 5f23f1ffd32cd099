# chain: what the resilience chain adds per call (issue 6), next to Spring Cloud CircuitBreaker's
# resilience4j integration. One caller JVM (bench-apps-chain: the starter and
# spring-cloud-starter-circuitbreaker-resilience4j) serves the same call to a no-op nginx three ways,
# one route each: direct (the host is not a mesh service, so the starter passes the call through),
# mesh (http://bench-chain from static discovery, through the client chain: timeout, retries,
# circuit breaker, bulkhead) and resilience4j (the direct call in Spring Cloud CircuitBreaker: circuit
# breaker, semaphore bulkhead, time limiter). The open-loop generator drives one route at a time at
# CHAIN_RATE, interleaved: direct mesh resilience4j, direct … Then JMH (ChainBenchmark): each chain's
# own cost per call around a no-op call, which the HTTP level cannot resolve at p50.

CHAIN_SERVICE=bench-chain
CHAIN_ROUTES=(direct mesh resilience4j)
# 500 req/s: the caller costs about 0.7 CPU-ms per request (any route) on this 2-CPU machine, a third
# of the SUT CPU; on a quiet machine that leaves room, on a shared one the report shows how much of
# the SUT CPU other work took (up to two thirds in the first runs) and the tails show the queueing.
CHAIN_RATE=${BENCH_CHAIN_RATE:-500}
# Spring Cloud CircuitBreaker 5.0.x is built on resilience4j-spring-boot3, whose 2.4.0 release (the
# version the starter uses) refuses to start on Spring Boot 4 (spring-cloud-circuitbreaker#287); its
# check is switched off so that both chains run on the same resilience4j.
CHAIN_R4J_VERIFIER=io.github.resilience4j.springboot3.verifier.autoconfigure.SpringBoot3VerifierAutoConfiguration

# chain_caller_args BACKEND_PORT — the caller's routes and the two chains' settings: a 2 s timeout,
# a count-based breaker (100 calls, 50% failures after 20) and a bulkhead of 64 calls that fails at
# once, in both; the mesh also has its default retries (3 attempts on connect failure, reset, 503)
# and retry budget, which a fast backend never uses.
chain_caller_args() {
  local backend="http://127.0.0.1:$1" mesh="--mesh.outbound.destinations.$CHAIN_SERVICE" r4j=--resilience4j
  echo "--bench.caller.routes.direct=$backend --bench.caller.routes.mesh=http://$CHAIN_SERVICE" \
    "--bench.caller.routes.resilience4j=$backend --bench.caller.resilience4j.routes=resilience4j" \
    "--bench.caller.resilience4j.id=bench-backend" \
    "--management.endpoints.web.exposure.include=health,mesh,metrics" \
    "--mesh.control.enabled=false --mesh.discovery.static.services.$CHAIN_SERVICE=$backend" \
    "$mesh.timeout=2s $mesh.circuit-breaker.sliding-window-size=100" \
    "$mesh.circuit-breaker.failure-rate-threshold=50 $mesh.circuit-breaker.minimum-calls=20" \
    "$mesh.bulkhead.max-concurrent-calls=64" \
    "--spring.autoconfigure.exclude=$CHAIN_R4J_VERIFIER" \
    "$r4j.circuitbreaker.configs.bench-backend.sliding-window-type=COUNT_BASED" \
    "$r4j.circuitbreaker.configs.bench-backend.sliding-window-size=100" \
    "$r4j.circuitbreaker.configs.bench-backend.failure-rate-threshold=50" \
    "$r4j.circuitbreaker.configs.bench-backend.minimum-number-of-calls=20" \
    "$r4j.timelimiter.configs.bench-backend.timeout-duration=2s" \
    "$r4j.bulkhead.instances.bench-backend.max-concurrent-calls=64" \
    "$r4j.bulkhead.instances.bench-backend.max-wait-duration=0"
}

suite_chain() {
  local duration=10
  ((QUICK)) && duration=3
  mkdir -p "$RAW/chain" "$RAW/chain-warmup" "$RAW/chainjmh"
  local settings
  settings="timeout 2s; circuit breaker: count-based window of 100 calls, opens at 50% failures after 20; bulkhead: 64 concurrent calls, no waiting; the mesh also has its default retries (3 attempts on connect failure, reset, 503) and retry budget (20% + 10/s); Spring Cloud's time limiter runs the call on its executor, and the bulkhead is a semaphore bulkhead (a bulkhead instance of the breaker's id; Spring Cloud's default would be a thread-pool bulkhead)"
  {
    echo "rate=$CHAIN_RATE"
    echo "connections=$CONNECTIONS"
    echo "reps=$REPS"
    echo "warmup=${WARMUP}s"
    echo "duration=${duration}s"
    echo "initial_warmup=${WARMUP_WINDOW} s windows, at least ${WARMUP_MIN} s, at most ${WARMUP_MAX} s"
    echo "spring_cloud=2025.1.4 (spring-cloud-circuitbreaker 5.0.3) on resilience4j $(basename "$(ls "$JMH_LIB"/resilience4j-circuitbreaker-*.jar)" .jar | sed 's/resilience4j-circuitbreaker-//')"
    echo "chain_settings=$settings"
    echo "caller_args=$(chain_caller_args "$(port 800)")"
  } >"$META/chain.txt"

  say "chain: a no-op nginx and the chain caller on CPU $SUT_CPUS..."
  nginx_noop chain-backend "$(port 800)"
  local backend=$LAST_PID
  wait_port "$(port 800)" 30 "$backend" chain-backend
  # shellcheck disable=SC2046
  start_java chain-caller "$CHAIN_CALLER_JAR" --server.port="$(port 801)" $(chain_caller_args "$(port 800)")
  local caller=$LAST_PID route
  for route in "${CHAIN_ROUTES[@]}"; do
    wait_http "http://127.0.0.1:$(port 801)/hop/$route" 180 "$caller" "chain-caller ($route)"
    check_body "http://127.0.0.1:$(port 801)/hop/$route"
  done
  chain_check_chains "$(port 801)"
  local pids="caller=$caller,$(process_group backend "$backend")"

  say "chain: warming up each route at 1,000 req/s until the caller's CPU per request is steady (${WARMUP_MIN}–${WARMUP_MAX}s each; excluded)..."
  for route in "${CHAIN_ROUTES[@]}"; do
    check_budget
    loadgen $((WARMUP_MAX + 120)) warmup --target "$route" --url "http://127.0.0.1:$(port 801)/hop/$route" --rate 1000 \
      --window "${WARMUP_WINDOW}s" --min "${WARMUP_MIN}s" --max "${WARMUP_MAX}s" --connections "$CONNECTIONS" \
      --pids "$pids" --clk-tck "$(getconf CLK_TCK)" --out "$RAW/chain-warmup" \
      >"$LOGS/chain-warmup-$route.log" 2>&1 || die "chain: warm-up of $route failed: see $LOGS/chain-warmup-$route.log"
    say "chain: $(tail -1 "$LOGS/chain-warmup-$route.log" | sed 's/^\[loadgen\] //')"
  done
  local rep
  for ((rep = 1; rep <= REPS; rep++)); do
    for route in "${CHAIN_ROUTES[@]}"; do
      check_budget
      say "chain: repetition $rep/$REPS, $route at $CHAIN_RATE req/s"
      loadgen $((WARMUP + duration + 90)) run --suite chain --target "$route" --rep "$rep" \
        --url "http://127.0.0.1:$(port 801)/hop/$route" --rates "$CHAIN_RATE" --warmup "${WARMUP}s" \
        --duration "${duration}s" --connections "$CONNECTIONS" --pids "$pids" --clk-tck "$(getconf CLK_TCK)" \
        --sut-cpus "$SUT_CPUS" --loadgen-cpus "$LOADGEN_CPUS" --out "$RAW/chain" ||
        die "chain: $route failed in repetition $rep"
    done
  done
  curl -sf --max-time 5 "http://127.0.0.1:$(port 801)/actuator/mesh" >"$WORK/chain-mesh.json" || true
  stop_started
  chain_jmh
}

# chain_check_chains PORT — both chains are on: the mesh destination has its breaker and bulkhead,
# and Spring Cloud's breaker uses the semaphore bulkhead of 64 calls.
chain_check_chains() {
  local mesh
  mesh=$(curl -sf --max-time 5 "http://127.0.0.1:$1/actuator/mesh")
  grep -q "\"service\" *: *\"$CHAIN_SERVICE\"" <<<"$mesh" || die "chain: /actuator/mesh shows no resilience state for $CHAIN_SERVICE"
  grep -Eq '"maxConcurrentCalls" *: *64' <<<"$mesh" || die "chain: the mesh chain of $CHAIN_SERVICE has no bulkhead of 64 calls"
  grep -Eq '"state" *: *"CLOSED"' <<<"$mesh" || die "chain: the mesh chain of $CHAIN_SERVICE has no closed circuit breaker"
  curl -sf --max-time 5 "http://127.0.0.1:$1/actuator/metrics/resilience4j.bulkhead.max.allowed.concurrent.calls" |
    grep -Eq '"value" *: *64(\.0)?' || die "chain: Spring Cloud's breaker does not use the semaphore bulkhead of 64 calls"
}

# chain_jmh — ChainBenchmark, 1 thread on the SUT CPU, nothing else of the benchmark running.
chain_jmh() {
  local forks=1 warmups=3 iterations=5 time=1s
  if ((QUICK)); then warmups=1 iterations=2; fi
  check_budget
  local jmh_version
  jmh_version=$(basename "$(ls "$JMH_LIB"/jmh-core-*.jar)" .jar)
  {
    echo "jmh=${jmh_version#jmh-core-}"
    echo "jmh_forks=$forks"
    echo "jmh_warmup_iterations=$warmups"
    echo "jmh_iterations=$iterations"
    echo "jmh_iteration_time=$time"
    echo "jmh_cpus=$SUT_CPUS"
    echo "jmh_mesh_timeout_ms=10"
    echo "jvm_flags=${JVM_FLAGS[*]}"
  } >>"$META/chain.txt"
  say "chain: JMH ChainBenchmark, 1 thread on CPU $SUT_CPUS, $warmups+$iterations iterations of $time..."
  timeout -k 10 900 taskset -c "$SUT_CPUS" "$JAVA" "${JVM_FLAGS[@]}" -cp "$JMH_JAR:$JMH_LIB/*" org.openjdk.jmh.Main \
    'dev.mesh.bench.jmh.ChainBenchmark' -f "$forks" -wi "$warmups" -w "$time" -i "$iterations" -r "$time" -t 1 \
    -bm avgt -tu ns -jvmArgs "${JVM_FLAGS[*]}" -rf json -rff "$RAW/chainjmh/threads-1.json" \
    >"$LOGS/chain-jmh.log" 2>&1 || die "chain: JMH failed; see $LOGS/chain-jmh.log"
  grep -E '^ChainBenchmark' "$LOGS/chain-jmh.log" | while read -r line; do say "chain: $line"; done
}
