# propagation: from the 2xx of a policy write to the moment N subscribers have acknowledged it,
# for N = 50 and N = 1,000 lightweight subscribers (the loadgen's propagation driver: real watch
# streams, the starter's ACK), with two apps carrying the starter watching too; and, in the same
# run, how long `nginx -s reload` takes to apply a new upstream split. Interleaved: each repetition
# runs a block of N = 50, a block of N = 1,000 and a few nginx reloads, each block a fresh driver.
# The control service gets its own data directory and tokens; nothing of the other suites runs.

PROPAGATION_SUBSCRIBERS=(50 1000)
PROPAGATION_SERVICES=10

suite_propagation() {
  local writes reloads warmup gap=300ms
  if ((QUICK)); then writes=5 reloads=5 warmup=10; else writes=8 reloads=3 warmup=20; fi
  raise_file_limit $((4 * 1000 + 1024))
  local dir="$WORK/propagation"
  mkdir -p "$dir/data" "$RAW/propagation" "$RAW/reload"
  PROP_ADMIN_TOKEN=$(openssl rand -hex 24)
  PROP_WORKLOAD_TOKEN=$(openssl rand -hex 24)
  {
    echo "subscribers=${PROPAGATION_SUBSCRIBERS[*]}"
    echo "services=$PROPAGATION_SERVICES"
    echo "real_apps=2"
    echo "reps=$REPS"
    echo "writes=$writes"
    echo "warmup_writes=3"
    echo "initial_warmup_writes=$warmup"
    echo "gap=$gap"
    echo "reloads=$reloads"
  } >"$META/propagation.txt"

  say "propagation: starting a control service on CPU $SUT_CPUS with its own data directory..."
  start_bg control "$LOGS/propagation-control.log" env "MESH_POLICY_ADMINTOKEN=$PROP_ADMIN_TOKEN" \
    "MESH_POLICY_WORKLOADTOKEN=$PROP_WORKLOAD_TOKEN" taskset -c "$SUT_CPUS" "$JAVA" "${JVM_FLAGS[@]}" \
    -jar "$CONTROL_JAR" --server.address=127.0.0.1 --server.port="$(port 600)" \
    --management.server.address=127.0.0.1 --management.server.port="$(port 601)" \
    --mesh.policy.data-directory="$dir/data" "${CONTROL_PLAIN_ARGS[@]}"
  local control=$LAST_PID
  wait_http "http://127.0.0.1:$(port 601)/actuator/health" 180 "$control" control

  # Two apps with the starter watch the same policy: their ACK times come from /v1/status and
  # show whether a real app acknowledges like a lightweight subscriber.
  local i apps=() pids="control=$control"
  for i in 1 2; do
    start_bg "propagation-app-$i" "$LOGS/propagation-app-$i.log" env "MESH_CONTROL_TOKEN=$PROP_WORKLOAD_TOKEN" \
      taskset -c "$SUT_CPUS" "$JAVA" "${JVM_FLAGS[@]}" -jar "$MESH_BACKEND_JAR" --server.port="$(port $((610 + i)))" \
      --mesh.address=127.0.0.1 --mesh.control.url="http://127.0.0.1:$(port 600)" \
      --mesh.sync.cache-directory="$dir/cache-$i"
    apps+=("$LAST_PID")
    pids+=",app-$i=$LAST_PID"
  done
  for i in 1 2; do
    wait_http "http://127.0.0.1:$(port $((610 + i)))/payload" 180 "${apps[$((i - 1))]}" "propagation-app-$i"
  done

  reload_nginx
  local args=(--control "http://127.0.0.1:$(port 600)" --services "$PROPAGATION_SERVICES" --real-services bench-backend
    --real-apps 2 --gap "$gap" --pids "$pids" --clk-tck "$(getconf CLK_TCK)" --sut-cpus "$SUT_CPUS" --loadgen-cpus "$LOADGEN_CPUS")

  say "propagation: warming up the control service with ${warmup} writes to 1,000 subscribers (excluded)..."
  MESH_POLICY_ADMINTOKEN=$PROP_ADMIN_TOKEN MESH_POLICY_WORKLOADTOKEN=$PROP_WORKLOAD_TOKEN \
    loadgen 600 propagation "${args[@]}" --subscribers 1000 --warmup-writes "$warmup" --writes 0 \
    --out "$dir/warmup" >"$LOGS/propagation-warmup.log" 2>&1 || die "propagation warm-up failed: see $LOGS/propagation-warmup.log"

  local rep n
  for ((rep = 1; rep <= REPS; rep++)); do
    for n in "${PROPAGATION_SUBSCRIBERS[@]}"; do
      check_budget
      say "propagation: repetition $rep/$REPS, N=$n"
      MESH_POLICY_ADMINTOKEN=$PROP_ADMIN_TOKEN MESH_POLICY_WORKLOADTOKEN=$PROP_WORKLOAD_TOKEN \
        loadgen 600 propagation "${args[@]}" --subscribers "$n" --rep "$rep" --warmup-writes 3 --writes "$writes" \
        --out "$RAW/propagation" || die "propagation: N=$n failed in repetition $rep"
    done
    check_budget
    say "propagation: repetition $rep/$REPS, nginx reload x$reloads"
    loadgen 300 reload --url "http://127.0.0.1:$(port 620)/" --template "$RELOAD_DIR/nginx.conf.template" \
      --conf "$RELOAD_DIR/nginx.conf" --prefix "$RELOAD_DIR" --master "$RELOAD_MASTER" --backends "$RELOAD_BACKENDS" \
      --reps "$reloads" --first-rep $(((rep - 1) * reloads + 1)) --clk-tck "$(getconf CLK_TCK)" \
      --sut-cpus "$SUT_CPUS" --loadgen-cpus "$LOADGEN_CPUS" --out "$RAW/reload" || die "nginx reload failed in repetition $rep"
  done
  stop_started
}

# raise_file_limit N — the driver and the control service each hold two connections per
# subscriber: raise the soft limit of open files to N (the JVM raises its own to the hard limit).
raise_file_limit() {
  local need=$1 hard
  (($(ulimit -Sn) >= need)) && return 0
  hard=$(ulimit -Hn)
  [[ $hard == unlimited ]] || ((hard >= need)) || die "open files are limited to $hard (ulimit -Hn); the propagation suite needs $need"
  ulimit -Sn "$need" || die "cannot raise the open-file limit to $need"
}

# reload_nginx — two no-op backends naming themselves (X-Backend: a, b; +621, +622) and, in front,
# an nginx splitting requests 90/10 between them (+620) whose responses name the configuration's
# generation (X-Generation) and split (X-Split). The front's configuration is rewritten from a
# template and reloaded by the reload command. Sets RELOAD_DIR, RELOAD_MASTER and RELOAD_BACKENDS.
reload_nginx() {
  local backends front
  backends=$(nginx_prefix reload-backends)
  cat >"$backends/nginx.conf" <<EOT
$NGINX_COMMON
pid $backends/nginx.pid;
http {
$(nginx_http_common "$backends")
  server {
    listen 127.0.0.1:$(port 621);
    location / { add_header X-Backend a; return 200 "a\n"; }
  }
  server {
    listen 127.0.0.1:$(port 622);
    location / { add_header X-Backend b; return 200 "b\n"; }
  }
}
EOT
  start_nginx reload-backends
  local backends_pid=$LAST_PID
  front=$(nginx_prefix reload-front)
  cat >"$front/nginx.conf.template" <<EOT
$NGINX_COMMON
pid $front/nginx.pid;
http {
$(nginx_http_common "$front")
  upstream split {
    server 127.0.0.1:$(port 621) weight=@WEIGHT_A@;
    server 127.0.0.1:$(port 622) weight=@WEIGHT_B@;
    keepalive 16;
  }
  server {
    listen 127.0.0.1:$(port 620);
    location / {
      proxy_pass http://split;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      add_header X-Generation @GENERATION@ always;
      add_header X-Split "@WEIGHT_A@/@WEIGHT_B@" always;
    }
  }
}
EOT
  sed -e 's/@GENERATION@/0/g' -e 's/@WEIGHT_A@/90/g' -e 's/@WEIGHT_B@/10/g' "$front/nginx.conf.template" >"$front/nginx.conf"
  start_nginx reload-front
  RELOAD_MASTER=$LAST_PID
  RELOAD_DIR=$front
  wait_port "$(port 621)" 30 "$backends_pid" reload-backends
  wait_port "$(port 620)" 30 "$RELOAD_MASTER" reload-front
  wait_http "http://127.0.0.1:$(port 620)/" 30 "$RELOAD_MASTER" reload-front
  RELOAD_BACKENDS=$(process_group backends "$backends_pid")
}
