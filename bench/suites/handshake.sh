# handshake: full mTLS handshakes per second per core (issue 7), the JDK versus nginx, same
# certificates, in one run. Servers on the SUT CPU, each requiring a client certificate and serving
# the same 1 KiB: nginx (1 worker), Tomcat as the mesh serves (the bench backend, Spring Boot's SSL
# bundle from the harness's PEM files, client-auth need), a bare JDK SSLServerSocket (the JDK's
# floor), and Tomcat again with the JFR handshake recording of lib/tls.sh (TLS 1.3: checks that
# counter against the clients' count and shows its cost). BENCH_HANDSHAKE_JAVA2 (a second java) adds
# Tomcat and the bare server on that JDK. Clients: HANDSHAKE_CLIENTS openssl s_time -new at once on
# the load generator's CPU. Each server and protocol is warmed up, then the repetitions interleave.
#
# Not here (issue 7's other two metrics): new handshakes per 10,000 requests in steady state and the
# p99 that mTLS adds at a fixed rate are the hop suite's: P3 and P3b count their JVMs' handshakes
# with the same JFR recording (paths/P3b.sh, mesh_tls_counter_script in lib/tls.sh), and the report
# shows P3b's p99 over P3a's (no TLS).

HANDSHAKE_CLIENTS=${BENCH_HANDSHAKE_CLIENTS:-2}
HANDSHAKE_JAVA2=${BENCH_HANDSHAKE_JAVA2:-}

# handshake_tomcat_args — the bench backend serving /payload with mTLS through an SSL bundle.
handshake_tomcat_args() {
  echo "--server.ssl.bundle=bench" \
    "--spring.ssl.bundle.pem.bench.keystore.certificate=file:$CERTS/bench-backend.pem" \
    "--spring.ssl.bundle.pem.bench.keystore.private-key=file:$CERTS/bench-backend.key" \
    "--spring.ssl.bundle.pem.bench.truststore.certificate=file:$CERTS/ca.pem" \
    "--server.ssl.client-auth=need --server.ssl.enabled-protocols=TLSv1.3,TLSv1.2" \
    "--server.ssl.ciphers=TLS_AES_128_GCM_SHA256,TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"
}

# nginx_mtls NAME PORT — nginx (1 worker) serving the same 1 KiB with mTLS, TLS 1.3 and 1.2.
nginx_mtls() {
  local name=$1 port=$2 dir
  dir=$(nginx_prefix "$name")
  cat >"$dir/nginx.conf" <<EOT
$NGINX_COMMON
pid $dir/nginx.pid;
http {
$(nginx_http_common "$dir")
  server {
    listen 127.0.0.1:$port ssl;
    ssl_certificate $CERTS/bench-backend.pem;
    ssl_certificate_key $CERTS/bench-backend.key;
    ssl_client_certificate $CERTS/ca.pem;
    ssl_verify_client on;
    ssl_verify_depth 2;
    ssl_protocols TLSv1.3 TLSv1.2;
    ssl_ciphers ECDHE-ECDSA-AES128-GCM-SHA256;
    ssl_conf_command Ciphersuites TLS_AES_128_GCM_SHA256;
    location / {
      default_type application/octet-stream;
      return 200 "$(printf 'x%.0s' $(seq 1024))";
    }
  }
}
EOT
  start_nginx "$name"
}

# handshake_jdk NAME PORT JAVA — the bare JDK TLS server (loadgen tls-server) on the SUT CPU.
handshake_jdk() {
  start_bg "$1" "$LOGS/$1.log" taskset -c "$SUT_CPUS" "$3" "${JVM_FLAGS[@]}" -jar "$LOADGEN_JAR" tls-server \
    --port "$2" --cert "$CERTS/bench-backend.pem" --key "$CERTS/bench-backend.pk8.pem" --ca "$CERTS/ca.pem"
}

# java_version JAVA — e.g. "JDK 17.0.15".
java_version() {
  "$1" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.runtime.version/ { print "JDK " $2 }'
}

suite_handshake() {
  local duration=10 warm_min=30 warm_max=120
  if ((QUICK)); then duration=4 warm_min=5 warm_max=10; fi
  mkdir -p "$RAW/handshake" "$RAW/handshake-warmup"
  local -A ports pids label
  local spring_boot
  spring_boot=$("$(jdk_tool jar)" tf "$PLAIN_BACKEND_JAR" 2>/dev/null | grep -o 'spring-boot-[0-9][0-9.]*[0-9]\.jar' | head -1 | sed 's/spring-boot-//; s/\.jar//')
  local tomcat
  tomcat=$("$(jdk_tool jar)" tf "$PLAIN_BACKEND_JAR" 2>/dev/null | grep -o 'tomcat-embed-core-[0-9][0-9.]*[0-9]\.jar' | head -1 | sed 's/tomcat-embed-core-//; s/\.jar//')

  say "handshake: nginx, Tomcat and a bare JDK server with mTLS on CPU $SUT_CPUS..."
  nginx_mtls hs-nginx "$(port 811)"
  ports[nginx]=$(port 811)
  pids[nginx]=$LAST_PID
  label[nginx]="nginx $(nginx -v 2>&1 | sed 's/^.*nginx\///'), 1 worker, $(openssl version | awk '{print $1, $2}')"
  # shellcheck disable=SC2046
  start_java hs-tomcat "$PLAIN_BACKEND_JAR" --server.port="$(port 812)" $(handshake_tomcat_args)
  ports[tomcat]=$(port 812)
  pids[tomcat]=$LAST_PID
  label[tomcat]="Tomcat $tomcat (JSSE, NIO), Spring Boot $spring_boot SSL bundle, $(java_version "$JAVA")"
  handshake_jdk hs-jdk "$(port 813)" "$JAVA"
  ports[jdk]=$(port 813)
  pids[jdk]=$LAST_PID
  label[jdk]="bare SSLServerSocket, 4 threads, $(java_version "$JAVA")"
  # shellcheck disable=SC2046
  start_java_counting_tls hs-tomcat-jfr "$PLAIN_BACKEND_JAR" --server.port="$(port 814)" $(handshake_tomcat_args)
  ports[tomcat-jfr]=$(port 814)
  pids[tomcat-jfr]=$LAST_PID
  label[tomcat-jfr]="the same Tomcat with the JFR recording of jdk.TLSHandshake that counts handshakes (lib/tls.sh)"
  local order=(nginx tomcat jdk tomcat-jfr)
  local combos=("nginx TLSv1.3" "tomcat TLSv1.3" "jdk TLSv1.3" "tomcat-jfr TLSv1.3")
  if [[ -n "$HANDSHAKE_JAVA2" ]]; then
    "$HANDSHAKE_JAVA2" -version >/dev/null 2>&1 || die "handshake: BENCH_HANDSHAKE_JAVA2=$HANDSHAKE_JAVA2 does not run"
    start_bg hs-tomcat2 "$LOGS/hs-tomcat2.log" taskset -c "$SUT_CPUS" "$HANDSHAKE_JAVA2" "${JVM_FLAGS[@]}" \
      -jar "$PLAIN_BACKEND_JAR" --server.port="$(port 815)" $(handshake_tomcat_args)
    ports[tomcat2]=$(port 815)
    pids[tomcat2]=$LAST_PID
    label[tomcat2]="the same Tomcat on $(java_version "$HANDSHAKE_JAVA2")"
    handshake_jdk hs-jdk2 "$(port 816)" "$HANDSHAKE_JAVA2"
    ports[jdk2]=$(port 816)
    pids[jdk2]=$LAST_PID
    label[jdk2]="the same bare server on $(java_version "$HANDSHAKE_JAVA2")"
    order+=(tomcat2 jdk2)
    combos+=("tomcat2 TLSv1.3" "jdk2 TLSv1.3")
  fi
  combos+=("nginx TLSv1.2" "tomcat TLSv1.2" "jdk TLSv1.2")
  [[ -n "$HANDSHAKE_JAVA2" ]] && combos+=("tomcat2 TLSv1.2" "jdk2 TLSv1.2")

  local target protocol combo
  for target in "${order[@]}"; do
    wait_mtls "${ports[$target]}" 180 "${pids[$target]}" "hs-$target"
    require_client_certificate "${ports[$target]}" "hs-$target"
    [[ $target == nginx ]] && pids[nginx]=$(process_group server "${pids[nginx]}" | cut -d= -f2)
  done
  local counter
  counter=$(tls_counter_script handshake "${pids[tomcat-jfr]}")
  {
    echo "clients=$HANDSHAKE_CLIENTS"
    echo "duration=${duration}s"
    echo "warmup=5 s windows until three in a row are within 10% of their mean (at least ${warm_min} s, at most ${warm_max} s)"
    echo "reps=$REPS"
    echo "path=/payload"
    echo "sut_cpus=$SUT_CPUS"
    echo "loadgen_cpus=$LOADGEN_CPUS"
    echo "order=$(IFS=,; echo "${order[*]}")"
    for target in "${order[@]}"; do
      echo "label.$target=${label[$target]}"
    done
    for combo in "${combos[@]}"; do
      read -r target protocol <<<"$combo"
      echo "negotiated.$target.$protocol=$(negotiated "${ports[$target]}" "$protocol")"
    done
  } >"$META/handshake.txt"

  say "handshake: warming up each server and protocol until its handshakes per CPU-second are steady (${warm_min}–${warm_max}s each; excluded)..."
  for combo in "${combos[@]}"; do
    read -r target protocol <<<"$combo"
    check_budget
    handshake_warmup "$target" "$protocol" "${ports[$target]}" "${pids[$target]}" "$warm_min" "$warm_max"
  done
  local rep extra
  for ((rep = 1; rep <= REPS; rep++)); do
    for combo in "${combos[@]}"; do
      read -r target protocol <<<"$combo"
      check_budget
      extra=""
      [[ $target == tomcat-jfr ]] && extra=$counter
      handshake_segment "$target" "$protocol" "$rep" "$duration" "${ports[$target]}" "${pids[$target]}" "$RAW/handshake" \
        "$extra" || die "handshake: $target $protocol failed in repetition $rep"
    done
  done
  stop_started
}

# handshake_warmup TARGET PROTOCOL PORT PIDS MIN MAX — 5 s segments (excluded) until the server's
# handshakes per CPU-second of three in a row are within 10% of their mean (the JIT has compiled the
# handshake: a JVM's rate keeps rising for a minute or more), at least MIN and at most MAX seconds;
# adds the time and whether it got there to meta/handshake.txt.
handshake_warmup() {
  local target=$1 protocol=$2 started=$SECONDS window=5 rates=() steady=0 line
  while ((SECONDS - started < $6)); do
    line=$(handshake_segment "$target" "$protocol" 0 "$window" "$3" "$4" "$RAW/handshake-warmup" "" 2>&1) ||
      die "handshake: warm-up of $target $protocol failed: $line"
    echo "$line" >>"$LOGS/handshake-warmup.log"
    rates+=("$(sed -n 's/.*: \([0-9]*\) handshakes per server CPU-second.*/\1/p' <<<"$line" | tail -1)")
    if ((${#rates[@]} >= 3 && SECONDS - started >= $5)); then
      if awk -v a="${rates[-1]}" -v b="${rates[-2]}" -v c="${rates[-3]}" \
        'BEGIN { m = (a + b + c) / 3; exit !(m > 0 && a >= 0.9 * m && a <= 1.1 * m && b >= 0.9 * m && b <= 1.1 * m && c >= 0.9 * m && c <= 1.1 * m) }'; then
        steady=1
        break
      fi
    fi
  done
  local verdict="steady"
  ((steady)) || verdict="NOT steady"
  say "handshake: warm-up of $target $protocol $verdict after $((SECONDS - started)) s (handshakes per CPU-second: ${rates[*]})"
  echo "warmup.$target.$protocol=$((SECONDS - started)) s, $verdict (${rates[*]})" >>"$META/handshake.txt"
}

# handshake_segment TARGET PROTOCOL REP SECONDS PORT PIDS OUT [COUNTER] — one loadgen handshake run.
handshake_segment() {
  local args=(handshake --target "$1" --protocol "$2" --rep "$3" --duration "${4}s" --connect "127.0.0.1:$5"
    --pids "server=$6" --clients "$HANDSHAKE_CLIENTS" --cert "$CERTS/bench-caller.pem" --key "$CERTS/bench-caller.key"
    --ca "$CERTS/ca.pem" --min-bytes 1024 --clk-tck "$(getconf CLK_TCK)" --sut-cpus "$SUT_CPUS"
    --loadgen-cpus "$LOADGEN_CPUS" --out "$7")
  [[ -n "${8:-}" ]] && args+=(--counters "$8")
  loadgen $(($4 + 90)) "${args[@]}"
}
