# lbpick: what one load-balancing decision costs — the starter's MeshLoadBalancer picking an
# instance and the call completing the pick — per algorithm at 10, 100 and 1,000 instances, with
# JMH (bench/jmh, PickBenchmark): first 1 thread pinned to the SUT CPU, then 2 threads pinned to both
# CPUs, each a separate JMH run with fixed settings. No other program of the benchmark runs meanwhile.

suite_lbpick() {
  local forks=1 warmups=3 iterations=5 time=1s
  if ((QUICK)); then warmups=1 iterations=2; fi
  local jmh_version
  jmh_version=$(basename "$(ls "$JMH_LIB"/jmh-core-*.jar)" .jar)
  jmh_version=${jmh_version#jmh-core-}
  mkdir -p "$RAW/lbpick"
  {
    echo "jmh=$jmh_version"
    echo "benchmark=dev.mesh.bench.jmh.PickBenchmark.pickAndComplete"
    echo "forks=$forks"
    echo "warmup_iterations=$warmups"
    echo "warmup_time=$time"
    echo "iterations=$iterations"
    echo "iteration_time=$time"
    echo "jvm_flags=${JVM_FLAGS[*]}"
    echo "cpus_1_thread=$SUT_CPUS"
    echo "cpus_2_threads=$SUT_CPUS,$LOADGEN_CPUS"
  } >"$META/lbpick.txt"
  local threads cpus
  for threads in 1 2; do
    check_budget
    cpus=$SUT_CPUS
    ((threads == 2)) && cpus="$SUT_CPUS,$LOADGEN_CPUS"
    say "lbpick: JMH, $threads thread(s) on CPU(s) $cpus: 5 algorithms x 3 sizes, $forks fork, $warmups+$iterations iterations of $time each..."
    timeout -k 10 900 taskset -c "$cpus" "$JAVA" "${JVM_FLAGS[@]}" -cp "$JMH_JAR:$JMH_LIB/*" org.openjdk.jmh.Main \
      'dev.mesh.bench.jmh.PickBenchmark.pickAndComplete' -f "$forks" -wi "$warmups" -w "$time" -i "$iterations" \
      -r "$time" -t "$threads" -bm avgt -tu ns -jvmArgs "${JVM_FLAGS[*]}" \
      -rf json -rff "$RAW/lbpick/threads-$threads.json" >"$LOGS/lbpick-$threads.log" 2>&1 ||
      die "lbpick: JMH failed with $threads thread(s); see $LOGS/lbpick-$threads.log"
    grep -E '^PickBenchmark' "$LOGS/lbpick-$threads.log" | while read -r line; do say "lbpick: $line"; done
  done
}
