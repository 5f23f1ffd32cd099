# TLS helpers shared by the suites: mTLS servers and their checks, and a count of the TLS
# handshakes a JVM made, read without debug logging. Sourced.
#
# Counting handshakes inside a JVM: a JFR recording of one event only, jdk.TLSHandshake, which
# the JDK records for every completed TLS 1.3 handshake (full or resumed, client or server side).
# JDK 17 records none for a server-side full TLS 1.2 handshake: the mesh uses TLS 1.3 only. The
# handshake suite checks the count against openssl s_time's (target tomcat-jfr), which also shows
# what the recording costs. The hop paths whose JVMs serve and call with mTLS (P3, P3b) start them
# with start_java_counting_tls (through start_mesh_tls_java, lib/programs.sh) and count with
# mesh_tls_counter_script, whose tls_handshakes the hop suite reports per segment as "new TLS
# handshakes / 10k req".

# jdk_tool NAME — a tool of the JDK that runs the benchmark (jcmd, jfr).
jdk_tool() { echo "${JAVA%java}$1"; }

# tls_recording_settings — the JFR settings file that enables jdk.TLSHandshake only; prints its path.
tls_recording_settings() {
  local file="$CONF/tls-handshakes.jfc"
  if [[ ! -f "$file" ]]; then
    cat >"$file" <<'EOT'
<?xml version="1.0" encoding="UTF-8"?>
<configuration version="2.0" label="TLS handshakes" description="Only jdk.TLSHandshake: one event per completed handshake">
  <event name="jdk.TLSHandshake">
    <setting name="enabled">true</setting>
    <setting name="stackTrace">false</setting>
  </event>
</configuration>
EOT
  fi
  echo "$file"
}

# JVM options start_java_counting_tls adds: none, unless a caller sets them for its own scope
# (start_mesh_tls_java sets the TLS version and suite of the mTLS hop paths).
TLS_JVM_OPTIONS=()

# start_java_counting_tls NAME JAR ARGS... — start_java with the TLS handshake recording on.
start_java_counting_tls() {
  local name=$1 jar=$2
  shift 2
  start_bg "$name" "$LOGS/$name.log" taskset -c "$SUT_CPUS" "$JAVA" "${JVM_FLAGS[@]}" "${TLS_JVM_OPTIONS[@]}" \
    "-XX:StartFlightRecording=name=mesh-tls,settings=$(tls_recording_settings)" -jar "$jar" "$@"
}

# tls_handshakes PID — the TLS handshakes the JVM has recorded so far (it must run with
# start_java_counting_tls): dumps the recording and counts its jdk.TLSHandshake events.
tls_handshakes() {
  local pid=$1 dump
  dump="$WORK/jfr/tls-$pid-$(date +%s%N).jfr"
  mkdir -p "$WORK/jfr"
  "$(jdk_tool jcmd)" "$pid" JFR.dump name=mesh-tls filename="$dump" >/dev/null 2>&1 || return 1
  "$(jdk_tool jfr)" summary "$dump" | awk '$1 == "jdk.TLSHandshake" { n = $2 } END { print n + 0 }'
  rm -f "$dump"
}

# tls_counter_script ID PID... — a counter script (for PATH_COUNTERS or loadgen --counters)
# printing tls_handshakes=<handshakes the JVMs recorded so far, together>; prints its path.
tls_counter_script() {
  local id=$1 script="$WORK/counters-tls-$1.sh"
  shift
  {
    echo '#!/usr/bin/env bash'
    echo "# TLS handshakes recorded by the JVMs of $id (JFR jdk.TLSHandshake events)."
    echo "set -e"
    echo "total=0"
    local pid
    for pid in "$@"; do
      echo "dump=\"$WORK/jfr/counter-$id-$pid.jfr\""
      echo "'$(jdk_tool jcmd)' $pid JFR.dump name=mesh-tls filename=\"\$dump\" >/dev/null"
      echo "n=\$('$(jdk_tool jfr)' summary \"\$dump\" | awk '\$1 == \"jdk.TLSHandshake\" { n = \$2 } END { print n + 0 }')"
      echo "rm -f \"\$dump\""
      echo "total=\$((total + n))"
    done
    echo 'echo "tls_handshakes=$total"'
  } >"$script"
  mkdir -p "$WORK/jfr"
  chmod +x "$script"
  echo "$script"
}

# mesh_tls_counter_script ID CONTROL_PORT CALLER_PID BACKEND_PID... — the counter script of an mTLS hop
# path (for PATH_COUNTERS); prints its path. It reads the JVMs' JFR jdk.TLSHandshake events (in
# parallel) and counts, so far: tls_handshakes, the TLS connections the backends accepted (what the
# nginx and haproxy paths count on the backends' sidecars: one per connection); tls_handshakes_caller,
# the caller's side of its connections to the backends; tls_handshakes_control_plane, every JVM's
# handshakes with the control service at CONTROL_PORT; and tls_handshakes_not_tls13 and
# tls_handshakes_not_aes128gcm, those that negotiated another protocol or suite than every TLS path
# must (both must stay 0; JDK 17 records some server-side handshakes without their suite, "N/A",
# which the caller's side of the same connection records). With MESH_TLS_KEEP set to a folder, it
# also leaves there every JVM's handshakes as jfr print shows them (<pid>.txt).
mesh_tls_counter_script() {
  local id=$1 control=$2 caller=$3 script="$WORK/counters-tls-$1.sh" pid
  shift 2
  {
    echo '#!/usr/bin/env bash'
    echo "# TLS handshakes recorded by the JVMs of $id (JFR jdk.TLSHandshake events)."
    echo "dir=\$(mktemp -d '$WORK/jfr/counter-$id.XXXXXX') || exit 1"
    echo "trap 'rm -rf \"\$dir\"' EXIT"
    for pid in "$@"; do
      echo "( '$(jdk_tool jcmd)' $pid JFR.dump name=mesh-tls filename=\"\$dir/$pid.jfr\" >/dev/null &&"
      echo "  '$(jdk_tool jfr)' print --events jdk.TLSHandshake \"\$dir/$pid.jfr\" >\"\$dir/$pid.txt\" && touch \"\$dir/$pid.ok\" ) &"
    done
    echo "wait"
    for pid in "$@"; do
      echo "[[ -f \"\$dir/$pid.ok\" ]] || { echo 'cannot read the TLS handshakes of $id: pid $pid'; exit 1; }"
    done
    echo "[[ -n \"\${MESH_TLS_KEEP:-}\" ]] && mkdir -p \"\$MESH_TLS_KEEP\" && cp \"\$dir\"/*.txt \"\$MESH_TLS_KEEP/\""
    echo "awk -v control=$control -v caller=\"\$dir/$caller.txt\" '"
    echo '  /^jdk\.TLSHandshake/ { event = 1; port = ""; next }'
    echo '  event && $1 == "peerPort" { port = $3 }'
    echo '  event && $1 == "protocolVersion" && $3 != "N/A" && $3 != "\"TLSv1.3\"" { p++ }'
    echo '  event && $1 == "cipherSuite" && $3 != "N/A" && $3 != "\"TLS_AES_128_GCM_SHA256\"" { s++ }'
    echo '  event && /^}/ { event = 0; if (port == control) c++; else if (FILENAME == caller) k++; else n++ }'
    echo '  END { printf "tls_handshakes=%d\ntls_handshakes_caller=%d\ntls_handshakes_control_plane=%d\n", n, k, c'
    echo '        printf "tls_handshakes_not_tls13=%d\ntls_handshakes_not_aes128gcm=%d\n", p, s }'"' \"\$dir\"/*.txt"
  } >"$script"
  mkdir -p "$WORK/jfr"
  chmod +x "$script"
  echo "$script"
}

# mtls_curl PORT [CURL ARGS...] — GET /payload over TLS from 127.0.0.1:PORT as bench-backend,
# verifying the server against the CA.
mtls_curl() {
  local port=$1
  shift
  curl -s --max-time 5 --cacert "$CERTS/ca.pem" --resolve "bench-backend:$port:127.0.0.1" "$@" \
    "https://bench-backend:$port/payload"
}

# wait_mtls PORT TIMEOUT PID NAME — until the server answers 1 KiB to a client with the caller's
# certificate; fail early when PID dies.
wait_mtls() {
  local port=$1 deadline=$((SECONDS + $2)) pid=$3 name=$4
  until [[ $(mtls_curl "$port" --cert "$CERTS/bench-caller.pem" --key "$CERTS/bench-caller.key" | wc -c) == 1024 ]]; do
    alive "$pid" || die "$name exited during startup; see its log in $LOGS"
    ((SECONDS > deadline)) && die "$name does not answer 1 KiB over mTLS on port $port after $2 s; see $LOGS"
    sleep 0.5
  done
}

# require_client_certificate PORT NAME — the server must not answer a client without a certificate.
require_client_certificate() {
  local status
  status=$(mtls_curl "$1" -o /dev/null -w '%{http_code}')
  [[ "$status" == 200 ]] && die "$2 answers clients without a certificate: it does not require mTLS"
  return 0
}

# negotiated PORT PROTOCOL — what a handshake with the caller's certificate negotiates, e.g.
# "TLSv1.3, TLS_AES_128_GCM_SHA256, X25519, ECDSA".
negotiated() {
  local port=$1 protocol=$2 options
  if [[ $protocol == TLSv1.3 ]]; then
    options=(-tls1_3 -ciphersuites TLS_AES_128_GCM_SHA256)
  else
    options=(-tls1_2 -cipher ECDHE-ECDSA-AES128-GCM-SHA256)
  fi
  timeout 10 openssl s_client -connect "127.0.0.1:$port" -servername bench-backend -cert "$CERTS/bench-caller.pem" \
    -key "$CERTS/bench-caller.key" -CAfile "$CERTS/ca.pem" "${options[@]}" -brief </dev/null 2>&1 |
    awk -F': ' '
      /^Protocol version/ { p = $2 } /^Ciphersuite/ { c = $2 } /^Server Temp Key/ { split($2, k, ","); t = k[1] }
      /^Signature type/ { s = $2 } /^Verification/ { v = $2 }
      END { printf "%s, %s, key exchange %s, %s signature, verification %s\n", p, c, t, s, v }'
}
