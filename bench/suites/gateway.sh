# gateway: the mesh gateway with a 90/10 canary split (issue 8) against nginx split_clients 90/10,
# plain Spring Cloud Gateway with the standard Weight predicate pair, and the backend called
# directly, in one run, on the same two backends and the same cores. The backends are two no-op
# nginx (1 worker each) returning the same 1 KiB, "v1" and "v2", counting what they served
# (stub_status). Contenders, each on the SUT CPU, side by side (idle unless measured):
#   direct  the load goes straight to backend v1
#   nginx   nginx (1 worker), split_clients on $request_id 90% v1 / 10% v2, pooled keep-alive upstreams
#   scg     plain Spring Cloud Gateway (bench-apps-scg: its defaults, two routes, Weight=canary 90 / 10)
#   mesh    the mesh-gateway jar as a user runs it: its own application.yml plus a file with the
#           route (mesh.gateway.routes, destinations v1 90 / v2 10) and the backends as static
#           instances with version v1/v2 (mesh.control.enabled=false)
# Per repetition (interleaved): maximum throughput with wrk (closed loop, GATEWAY_WRK_CONNECTIONS);
# then, at half of nginx's median maximum of this run, the open-loop generator's p50/p99 (added over
# direct). Last, the split: GATEWAY_SPLIT_REQUESTS requests through each splitting contender at
# GATEWAY_SPLIT_RATE, counted by the backends.

GATEWAY_SERVICE=bench-gw
GATEWAY_TARGETS=(direct nginx scg mesh)
GATEWAY_SPLITTERS=(nginx scg mesh)
GATEWAY_WRK_CONNECTIONS=16
GATEWAY_SPLIT_REQUESTS=100000
GATEWAY_SPLIT_RATE=${BENCH_GATEWAY_SPLIT_RATE:-2500}
# The JIT of a gateway JVM on one shared CPU needs far longer than the quick mode's warm-up windows:
# every contender gets at least this much wrk before it is measured, quick or not.
GATEWAY_WRK_WARMUP=20
# Another build of the mesh gateway to measure, e.g. an earlier commit's jar (default: this tree's).
GATEWAY_MESH_JAR=${BENCH_GATEWAY_MESH_JAR:-}

# gateway_backend NAME PORT — a no-op nginx returning 1 KiB on every path but /status (stub_status).
gateway_backend() {
  nginx_noop "$1" "$2" 'location = /status { stub_status; }'
}

# gateway_nginx NAME PORT V1_PORT V2_PORT — nginx splitting 90/10 per request (split_clients hashes
# the random $request_id), keep-alive pools to both backends like the hop suite's sidecars.
gateway_nginx() {
  local name=$1 port=$2 dir
  dir=$(nginx_prefix "$name")
  cat >"$dir/nginx.conf" <<EOT
$NGINX_COMMON
pid $dir/nginx.pid;
http {
$(nginx_http_common "$dir")
  upstream gw_v1 { server 127.0.0.1:$3; keepalive 64; keepalive_requests 1000000; keepalive_timeout 300s; }
  upstream gw_v2 { server 127.0.0.1:$4; keepalive 64; keepalive_requests 1000000; keepalive_timeout 300s; }
  split_clients "\${request_id}" \$gw_upstream {
    90% gw_v1;
    *   gw_v2;
  }
  server {
    listen 127.0.0.1:$port;
    location / {
      proxy_pass http://\$gw_upstream;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
    }
  }
}
EOT
  start_nginx "$name"
}

# gateway_scg_args PORT V1_PORT V2_PORT — plain Spring Cloud Gateway's two routes of one Weight group.
gateway_scg_args() {
  local r=--spring.cloud.gateway.server.webflux.routes
  echo "--server.address=127.0.0.1 --server.port=$1" \
    "$r[0].id=v1 $r[0].uri=http://127.0.0.1:$2 $r[0].predicates[0]=Path=/payload $r[0].predicates[1]=Weight=canary,90" \
    "$r[1].id=v2 $r[1].uri=http://127.0.0.1:$3 $r[1].predicates[0]=Path=/payload $r[1].predicates[1]=Weight=canary,10"
}

# gateway_mesh_config FILE V1_PORT V2_PORT — the mesh gateway's route and backends, in the form
# docs/gateway.md gives; the jar's demo routes (spring.cloud.gateway...routes) are replaced by none.
gateway_mesh_config() {
  cat >"$1" <<EOT
spring:
  cloud:
    gateway:
      server:
        webflux:
          routes: []
mesh:
  control:
    enabled: false
  address: 127.0.0.1
  discovery:
    static:
      services:
        $GATEWAY_SERVICE:
          - {url: "http://127.0.0.1:$2", version: v1}
          - {url: "http://127.0.0.1:$3", version: v2}
  outbound:
    destinations:
      $GATEWAY_SERVICE:
        subsets:
          v1: {labels: {version: v1}}
          v2: {labels: {version: v2}}
  gateway:
    routes:
      "[bench/canary]":
        match: {path-prefix: /payload}
        service: $GATEWAY_SERVICE
        destinations:
          - {subset: v1, weight: 90}
          - {subset: v2, weight: 10}
EOT
}

# gateway_jar SOURCE — copies a jar into the run's folder (as stage_jars does); prints its path.
gateway_jar() {
  [[ -f "$1" ]] || die "$1 is missing: run without --no-build"
  cp "$1" "$WORK/jars/" && echo "$WORK/jars/$(basename "$1")"
}

# gateway_throughput FILE — the throughput of a segment file.
gateway_throughput() {
  sed -n 's/^ *"throughput" *: *\([0-9.]*\).*/\1/p' "$1" | head -1
}

suite_gateway() {
  local duration=10 split_seconds
  ((QUICK)) && duration=3
  split_seconds=$(((GATEWAY_SPLIT_REQUESTS + GATEWAY_SPLIT_RATE - 1) / GATEWAY_SPLIT_RATE))
  local dir="$WORK/gateway"
  mkdir -p "$dir" "$RAW/gateway" "$RAW/gateway-warmup" "$RAW/gateway-split"
  local version=0.1.0-SNAPSHOT mesh_jar scg_jar
  mesh_jar=$(gateway_jar "${GATEWAY_MESH_JAR:-$ROOT/mesh-gateway/target/mesh-gateway-$version.jar}") || exit 1
  scg_jar=$(gateway_jar "$BENCH_DIR/apps/scg/target/bench-apps-scg-$version.jar") || exit 1
  local v1 v2
  v1=$(port 901) v2=$(port 902)

  say "gateway: 2 no-op nginx backends, nginx split_clients, Spring Cloud Gateway and the mesh gateway on CPU $SUT_CPUS..."
  gateway_backend gw-backend-v1 "$v1"
  local b1=$LAST_PID
  gateway_backend gw-backend-v2 "$v2"
  local b2=$LAST_PID
  gateway_nginx gw-nginx "$(port 910)" "$v1" "$v2"
  local proxy=$LAST_PID
  # shellcheck disable=SC2046
  start_java gw-scg "$scg_jar" $(gateway_scg_args "$(port 920)" "$v1" "$v2")
  local scg=$LAST_PID
  gateway_mesh_config "$dir/gateway.yml" "$v1" "$v2"
  start_java gw-mesh "$mesh_jar" --spring.config.additional-location="file:$dir/gateway.yml" \
    --server.address=127.0.0.1 --server.port="$(port 930)" \
    --management.server.address=127.0.0.1 --management.server.port="$(port 931)"
  local mesh=$LAST_PID
  wait_port "$v1" 30 "$b1" gw-backend-v1
  wait_port "$v2" 30 "$b2" gw-backend-v2
  wait_port "$(port 910)" 30 "$proxy" gw-nginx
  local -A url pids
  url[direct]="http://127.0.0.1:$v1/payload"
  url[nginx]="http://127.0.0.1:$(port 910)/payload"
  url[scg]="http://127.0.0.1:$(port 920)/payload"
  url[mesh]="http://127.0.0.1:$(port 930)/payload"
  wait_http "${url[scg]}" 180 "$scg" gw-scg
  wait_http "${url[mesh]}" 180 "$mesh" gw-mesh
  local target
  for target in "${GATEWAY_TARGETS[@]}"; do check_body "${url[$target]}"; done
  gateway_check_split "$(port 931)"
  local backends
  backends="$(process_group backend-v1 "$b1"),$(process_group backend-v2 "$b2")"
  pids[direct]=$(process_group backend-v1 "$b1")
  pids[nginx]="$(process_group nginx "$proxy"),$backends"
  pids[scg]="scg=$scg,$backends"
  pids[mesh]="gateway=$mesh,$backends"
  local counters="$WORK/counters-gateway.sh"
  cat >"$counters" <<EOT
#!/bin/sh
# Requests each backend has served (stub_status), less the status requests of this script, every
# one of which stub_status counts too (the number read so far is kept beside the script).
for v in 1 2; do
  port=\$(( $PORT_BASE + 900 + v ))
  reads=\$(( \$(cat "$WORK/gateway-status-reads-\$v" 2>/dev/null || echo 0) + 1 ))
  echo "\$reads" >"$WORK/gateway-status-reads-\$v"
  n=\$(curl -sf --max-time 5 "http://127.0.0.1:\$port/status" | awk 'NR == 3 { print \$3 }') || exit 1
  [ -n "\$n" ] || exit 1
  echo "served_v\$v=\$((n - reads))"
done
EOT
  chmod +x "$counters"
  gateway_describe "$scg_jar" "$duration" "$split_seconds" "$mesh_jar"

  say "gateway: warming up each contender at 1,000 req/s until its CPU per request is steady (${WARMUP_MIN}–${WARMUP_MAX}s each), then ${GATEWAY_WRK_WARMUP}s of wrk (excluded)..."
  for target in "${GATEWAY_TARGETS[@]}"; do
    check_budget
    loadgen $((WARMUP_MAX + 120)) warmup --target "$target" --url "${url[$target]}" --rate 1000 \
      --window "${WARMUP_WINDOW}s" --min "${WARMUP_MIN}s" --max "${WARMUP_MAX}s" --connections "$CONNECTIONS" \
      --pids "${pids[$target]}" --clk-tck "$(getconf CLK_TCK)" --out "$RAW/gateway-warmup" \
      >"$LOGS/gateway-warmup-$target.log" 2>&1 || die "gateway: warm-up of $target failed: see $LOGS/gateway-warmup-$target.log"
    say "gateway: $(tail -1 "$LOGS/gateway-warmup-$target.log" | sed 's/^\[loadgen\] //')"
    timeout 90 taskset -c "$LOADGEN_CPUS" wrk -t1 -c"$GATEWAY_WRK_CONNECTIONS" -d"${GATEWAY_WRK_WARMUP}s" \
      "${url[$target]}" >>"$LOGS/gateway-warmup-$target.log" 2>&1 || die "gateway: wrk warm-up of $target failed"
  done

  local rep
  for ((rep = 1; rep <= REPS; rep++)); do
    for target in "${GATEWAY_TARGETS[@]}"; do
      check_budget
      say "gateway: repetition $rep/$REPS, $target at saturation (wrk, $GATEWAY_WRK_CONNECTIONS connections)"
      loadgen $((WRK_WARMUP + duration + 90)) run --suite gateway --target "$target" --rep "$rep" \
        --url "${url[$target]}" --rates "" --saturation --wrk-connections "$GATEWAY_WRK_CONNECTIONS" \
        --wrk-warmup "${WRK_WARMUP}s" --wrk-duration "${duration}s" --pids "${pids[$target]}" --counters "$counters" \
        --clk-tck "$(getconf CLK_TCK)" --sut-cpus "$SUT_CPUS" --loadgen-cpus "$LOADGEN_CPUS" --out "$RAW/gateway" ||
        die "gateway: $target failed at saturation in repetition $rep"
    done
  done
  local rate
  rate=$(for f in "$RAW"/gateway/gateway-nginx-r*-max.json; do gateway_throughput "$f"; done | sort -n |
    awk '{ v[NR] = $1 } END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%d\n", m / 2 }')
  ((rate > 0)) || die "gateway: no maximum throughput of nginx to take half of"
  echo "rate=$rate" >>"$META/gateway.txt"
  for ((rep = 1; rep <= REPS; rep++)); do
    for target in "${GATEWAY_TARGETS[@]}"; do
      check_budget
      say "gateway: repetition $rep/$REPS, $target at $rate req/s (half of nginx's maximum)"
      loadgen $((WARMUP + duration + 90)) run --suite gateway --target "$target" --rep "$rep" \
        --url "${url[$target]}" --rates "$rate" --warmup "${WARMUP}s" --duration "${duration}s" \
        --connections "$CONNECTIONS" --pids "${pids[$target]}" --counters "$counters" --clk-tck "$(getconf CLK_TCK)" \
        --sut-cpus "$SUT_CPUS" --loadgen-cpus "$LOADGEN_CPUS" --out "$RAW/gateway" ||
        die "gateway: $target failed at $rate req/s in repetition $rep"
    done
  done
  for target in "${GATEWAY_SPLITTERS[@]}"; do
    check_budget
    say "gateway: split of $target, $GATEWAY_SPLIT_REQUESTS requests at $GATEWAY_SPLIT_RATE req/s, counted by the backends"
    loadgen $((split_seconds + 120)) run --suite gateway-split --target "$target" --rep 1 --url "${url[$target]}" \
      --rates "$GATEWAY_SPLIT_RATE" --warmup 1s --duration "${split_seconds}s" --connections "$CONNECTIONS" \
      --pids "${pids[$target]}" --counters "$counters" --clk-tck "$(getconf CLK_TCK)" --sut-cpus "$SUT_CPUS" \
      --loadgen-cpus "$LOADGEN_CPUS" --out "$RAW/gateway-split" || die "gateway: the split run of $target failed"
  done
  curl -sf --max-time 5 "http://127.0.0.1:$(port 931)/actuator/mesh" >"$dir/mesh.json" || true
  stop_started
}

# gateway_check_split MANAGEMENT_PORT — the mesh gateway serves the bench route with its 90/10
# split and no other route (the jar's demo routes are off).
gateway_check_split() {
  local mesh
  mesh=$(curl -sf --max-time 5 "http://127.0.0.1:$1/actuator/mesh") || die "gateway: no /actuator/mesh on port $1"
  grep -q '"bench/canary"' <<<"$mesh" || die "gateway: the mesh gateway has no route bench/canary (see $LOGS/gw-mesh.log)"
  grep -Eq '"weight" *: *10' <<<"$mesh" || die "gateway: the mesh gateway's route has no 10% subset"
  ! grep -q '"catalog-v1"' <<<"$mesh" || die "gateway: the mesh gateway still serves the jar's demo routes"
}

# gateway_describe SCG_JAR DURATION SPLIT_SECONDS MESH_JAR — meta/gateway.txt.
gateway_describe() {
  local scg_version
  scg_version=$("$(jdk_tool jar)" tf "$1" 2>/dev/null | grep -o 'spring-cloud-gateway-server-webflux-[0-9][0-9.]*[0-9]\.jar' |
    head -1 | sed 's/spring-cloud-gateway-server-webflux-//; s/\.jar//')
  local nginx_version
  nginx_version=$(nginx -v 2>&1 | sed 's/^.*nginx\///')
  {
    echo "order=$(IFS=,; echo "${GATEWAY_TARGETS[*]}")"
    echo "label.direct=straight to backend v1 (no-op nginx, 1 KiB): the floor"
    echo "label.nginx=nginx $nginx_version, 1 worker, split_clients 90/10 on \$request_id, keep-alive upstreams"
    echo "label.scg=plain Spring Cloud Gateway $scg_version, its defaults, Weight predicates 90/10"
    echo "label.mesh=the mesh gateway (mesh-gateway jar, Spring Cloud Gateway $scg_version), mesh.gateway.routes split v1 90 / v2 10"
    echo "wrk_connections=$GATEWAY_WRK_CONNECTIONS"
    echo "connections=$CONNECTIONS"
    echo "reps=$REPS"
    echo "warmup=${WARMUP}s"
    echo "wrk_warmup=${WRK_WARMUP}s"
    echo "initial_wrk_warmup=${GATEWAY_WRK_WARMUP}s"
    echo "mesh_jar=$(basename "$4")"
    echo "duration=${2}s"
    echo "split_requests=$GATEWAY_SPLIT_REQUESTS"
    echo "split_rate=$GATEWAY_SPLIT_RATE"
    echo "split_seconds=$3"
    echo "jvm_flags=${JVM_FLAGS[*]}"
  } >"$META/gateway.txt"
}
