# Shared helpers of bench/run: logging, starting and stopping processes, waiting, the load
# generator. Sourced, never run.

say() { printf '[bench %s] %s\n' "$(date -u +%H:%M:%S)" "$*"; }
die() { say "ERROR: $*"; exit 1; }

# Every process the benchmark starts, in start order; stop_started stops them in reverse.
STARTED_PIDS=()
STARTED_NAMES=()
LOADGEN_PID=""

# start_bg NAME LOG CMD... — start CMD in the background, output to LOG; sets LAST_PID.
start_bg() {
  local name=$1 log=$2
  shift 2
  "$@" >"$log" 2>&1 &
  LAST_PID=$!
  STARTED_PIDS+=("$LAST_PID")
  STARTED_NAMES+=("$name")
}

# stop_pids PID... — SIGTERM, wait up to 30 s, then SIGKILL what is left.
stop_pids() {
  (($# == 0)) && return 0
  kill -TERM "$@" 2>/dev/null
  local waited=0 alive=1 pid
  while ((alive && waited < 60)); do
    alive=0
    for pid in "$@"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    ((alive)) && { sleep 0.5; waited=$((waited + 1)); }
  done
  for pid in "$@"; do kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null; done
  for pid in "$@"; do wait "$pid" 2>/dev/null; done
  return 0
}

# stop_started — stop everything started so far, newest first (the control service, started
# before the apps, goes last), in two waves so that apps drain before the control service stops.
stop_started() {
  local n=${#STARTED_PIDS[@]}
  ((n == 0)) && return 0
  say "stopping $n processes..."
  local apps=() infra=() i
  for ((i = n - 1; i >= 0; i--)); do
    case "${STARTED_NAMES[$i]}" in
      control | control-*) infra+=("${STARTED_PIDS[$i]}") ;;
      *) apps+=("${STARTED_PIDS[$i]}") ;;
    esac
  done
  stop_pids "${apps[@]}"
  stop_pids "${infra[@]}"
  STARTED_PIDS=()
  STARTED_NAMES=()
  PLAIN_BACKENDS=""
  PLAIN_CALLER=""
  MESH_BACKENDS=""
  TLS_MESH_BACKENDS=""
}

# forget_pid PID — a process stopped on its own terms, no longer to be stopped at exit.
forget_pid() {
  local i
  for i in "${!STARTED_PIDS[@]}"; do
    if [[ "${STARTED_PIDS[$i]}" == "$1" ]]; then
      unset 'STARTED_PIDS[i]' 'STARTED_NAMES[i]'
    fi
  done
  STARTED_PIDS=("${STARTED_PIDS[@]}")
  STARTED_NAMES=("${STARTED_NAMES[@]}")
}

# check_budget — every run is bounded in time: stop when the run's budget is spent.
check_budget() {
  ((SECONDS < BUDGET_SECONDS)) || die "the run exceeded its time budget of $((BUDGET_SECONDS / 60)) minutes (BENCH_MAX_MINUTES)"
}

cleanup() {
  trap - INT TERM EXIT
  [[ -n "$LOADGEN_PID" ]] && stop_pids "$LOADGEN_PID"
  stop_started
  [[ -n "${WATCHDOG_PID:-}" ]] && kill "$WATCHDOG_PID" 2>/dev/null
  [[ -n "${WORK:-}" && -d "${WORK:-}/jars" ]] && rm -rf "$WORK/jars"
}

# alive PID — whether the process exists.
alive() { kill -0 "$1" 2>/dev/null; }

# wait_http URL TIMEOUT_SECONDS [PID] [NAME] — until URL answers 2xx; fail early when PID dies.
wait_http() {
  local url=$1 timeout=$2 pid=${3:-} name=${4:-$1}
  local deadline=$((SECONDS + timeout))
  until curl -sf -o /dev/null --max-time 2 "$url"; do
    if [[ -n "$pid" ]] && ! alive "$pid"; then
      die "$name exited during startup; see its log in $LOGS"
    fi
    ((SECONDS > deadline)) && die "$name did not answer $url within ${timeout}s; see $LOGS"
    sleep 0.2
  done
}

# wait_port PORT TIMEOUT_SECONDS [PID] [NAME] — until something listens on 127.0.0.1:PORT.
wait_port() {
  local port=$1 timeout=$2 pid=${3:-} name=${4:-port $1}
  local deadline=$((SECONDS + timeout))
  until (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
    if [[ -n "$pid" ]] && ! alive "$pid"; then
      die "$name exited during startup; see its log in $LOGS"
    fi
    ((SECONDS > deadline)) && die "$name is not listening on $port after ${timeout}s"
    sleep 0.1
  done
}

port_taken() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# check_body URL — the response must be exactly 1 KiB, or the paths would not do the same work.
check_body() {
  local url=$1 size
  size=$(curl -sf --max-time 5 "$url" | wc -c)
  [[ "$size" == 1024 ]] || die "$url returned $size bytes instead of 1024"
}

# process_group NAME PID — "NAME=PID+child+child…", the master and workers of nginx or haproxy.
process_group() {
  local name=$1 pid=$2 children
  children=$(pgrep -P "$pid" | paste -sd+ -)
  if [[ -n "$children" ]]; then echo "$name=$pid+$children"; else echo "$name=$pid"; fi
}

# start_java NAME JAR ARGS... — a JVM of the system under test, with the shared flags.
start_java() {
  local name=$1 jar=$2
  shift 2
  start_bg "$name" "$LOGS/$name.log" taskset -c "$SUT_CPUS" "$JAVA" "${JVM_FLAGS[@]}" -jar "$jar" "$@"
}

# loadgen TIMEOUT_SECONDS ARGS... — the load generator, on its own CPUs, bounded in time.
loadgen() {
  local limit=$1
  shift
  timeout -k 10 "$limit" taskset -c "$LOADGEN_CPUS" "$JAVA" "${JVM_FLAGS[@]}" -Djava.awt.headless=true \
    -jar "$LOADGEN_JAR" "$@" &
  LOADGEN_PID=$!
  wait "$LOADGEN_PID"
  local rc=$?
  LOADGEN_PID=""
  return $rc
}

# CPU ticks used so far by the whole machine (all CPUs, busy time only: user, nice, system and
# steal). Interrupt and softirq time is left out: the kernel charges it to no process, and here it
# is mostly the loopback traffic of the benchmark itself.
machine_busy_ticks() {
  awk '/^cpu / {print $2 + $3 + $4 + $9}' /proc/stat
}

# own_ticks — sets OWN_TICKS: the CPU ticks used so far by this script and every child it has
# waited for (the benchmark itself). Call it directly, never in $(...) or a pipeline: `times` in a
# subshell reports the subshell's own (zero) times, which made every run before 2026-11-26 count
# the benchmark's own work as other work.
own_ticks() {
  local file="${TMPDIR:-/tmp}/bench-times.$$"
  times >"$file"
  OWN_TICKS=$(awk -v tck="$(getconf CLK_TCK)" '
    { for (i = 1; i <= NF; i++) { split($i, t, /[ms]/); total += (t[1] * 60 + t[2]) } }
    END { printf "%d\n", total * tck }' "$file")
  rm -f "$file"
}
