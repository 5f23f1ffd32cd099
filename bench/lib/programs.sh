# The programs of the paths: the bench apps, the control service, nginx and haproxy with their
# configuration files. Every program listens on 127.0.0.1 only. Sourced.

port() { echo $((PORT_BASE + $1)); }

# The control services of the bench run the development mode: plain HTTP (mesh.ca.serve-tls=false)
# and one workload token for every app, which every JVM the bench starts inherits. The exception is
# the mTLS mesh of P3 and P3b (ensure_tls_mesh): TLS, join tokens and workload certificates.
CONTROL_PLAIN_ARGS=(--mesh.ca.serve-tls=false)
export MESH_POLICY_WORKLOADTOKEN="${MESH_POLICY_WORKLOADTOKEN:-bench-workload-token-$RANDOM$RANDOM$RANDOM}"
export MESH_CONTROL_TOKEN="$MESH_POLICY_WORKLOADTOKEN"

MESH_ARGS() {
  echo "--mesh.address=127.0.0.1" "--mesh.control.url=http://127.0.0.1:$(port 500)"
}

# ensure_plain_backends — two instances of the backend without the starter (ports +101, +102).
ensure_plain_backends() {
  [[ -n "${PLAIN_BACKENDS:-}" ]] && return 0
  local i pids=()
  for i in 1 2; do
    start_java "backend-$i" "$PLAIN_BACKEND_JAR" --server.port="$(port $((100 + i)))"
    pids+=("$LAST_PID")
  done
  for i in 1 2; do
    wait_http "http://127.0.0.1:$(port $((100 + i)))/payload" 180 "${pids[$((i - 1))]}" "backend-$i"
    check_body "http://127.0.0.1:$(port $((100 + i)))/payload"
  done
  PLAIN_BACKENDS="backend-1=${pids[0]},backend-2=${pids[1]}"
}

# ensure_mesh — the control service (+500) and two backends with the starter (+111, +112),
# registered as bench-backend.
ensure_mesh() {
  [[ -n "${MESH_BACKENDS:-}" ]] && return 0
  start_java control "$CONTROL_JAR" --server.address=127.0.0.1 --server.port="$(port 500)" \
    --management.server.address=127.0.0.1 --management.server.port="$(port 501)" "${CONTROL_PLAIN_ARGS[@]}"
  CONTROL_PID=$LAST_PID
  wait_http "http://127.0.0.1:$(port 501)/actuator/health" 180 "$CONTROL_PID" control
  local i pids=()
  for i in 1 2; do
    # shellcheck disable=SC2046
    start_java "mesh-backend-$i" "$MESH_BACKEND_JAR" --server.port="$(port $((110 + i)))" $(MESH_ARGS)
    pids+=("$LAST_PID")
  done
  for i in 1 2; do
    wait_http "http://127.0.0.1:$(port $((110 + i)))/payload" 180 "${pids[$((i - 1))]}" "mesh-backend-$i"
  done
  wait_registered bench-backend 2 500 60
  MESH_BACKENDS="backend-1=${pids[0]},backend-2=${pids[1]},control=$CONTROL_PID"
}

# --- the mesh with mTLS (P3, P3b) ---------------------------------------------------------------------

# Its control service (+520, management +521) serves its API over TLS (mesh.ca.serve-tls, the
# default) and its CA is the harness's own root (mesh.ca.certificate and private-key: docs/security.md,
# "bring your own CA"), with the trust domain and namespace of the harness's certificates: the
# workload certificates chain to the same CA as the sidecars' and name the same SPIFFE IDs,
# spiffe://mesh.local/ns/bench/sa/<service>. Backends +121, +122 (management +131, +132).
TLS_CONTROL=520
TLS_TRUST_DOMAIN=mesh.local
TLS_NAMESPACE=bench
# The starter's TLS has no protocol or cipher suite setting (it takes over the server's TLS and
# refuses server.ssl), so the path's JVMs get the harness's TLS 1.3 and TLS_AES_128_GCM_SHA256 from
# the JDK's own system properties; the counter checks what every handshake negotiated.
MESH_TLS_JVM_OPTIONS=(-Djdk.tls.client.protocols=TLSv1.3 -Djdk.tls.server.protocols=TLSv1.3
  -Djdk.tls.client.cipherSuites=TLS_AES_128_GCM_SHA256 -Djdk.tls.server.cipherSuites=TLS_AES_128_GCM_SHA256)

# What the report says of P3 and P3b besides their label.
mesh_tls_note() {
  echo "the control service's CPU and memory are counted in the path; TLS 1.3 with TLS_AES_128_GCM_SHA256 through" \
    "the JDK's system properties (the starter has no such setting), checked on every handshake; each app's JVM runs" \
    "the JFR recording of jdk.TLSHandshake that counts handshakes"
}

# start_mesh_tls_java NAME JAR ARGS... — a JVM of the mTLS mesh: the TLS limits above and the JFR
# handshake recording (lib/tls.sh).
start_mesh_tls_java() {
  local TLS_JVM_OPTIONS=("${MESH_TLS_JVM_OPTIONS[@]}")
  start_java_counting_tls "$@"
}

# mesh_tls_args NAME MANAGEMENT_OFFSET — the starter's settings in the mTLS mesh: a workload identity
# from the control service's CA over TLS, trusting the root from the harness's file (no trust on
# first use), mTLS STRICT mesh-wide; the join token comes in the environment (MESH_IDENTITY_JOINTOKEN).
mesh_tls_args() {
  echo "--mesh.address=127.0.0.1 --mesh.control.url=https://127.0.0.1:$(port $TLS_CONTROL)" \
    "--mesh.identity.enabled=true --mesh.identity.trust-bundle=$CERTS/ca.pem" \
    "--mesh.identity.trust-domain=$TLS_TRUST_DOMAIN --mesh.identity.namespace=$TLS_NAMESPACE" \
    "--mesh.security.mtls.mode=STRICT --mesh.sync.cache-directory=$WORK/mesh-tls/cache-$1" \
    "--management.server.address=127.0.0.1 --management.server.port=$(port "$2")"
}

# mint_join_token SERVICE — a join token for spiffe://mesh.local/ns/bench/sa/SERVICE, minted through
# the admin API over TLS with the admin token the control service generated (sent from a file, not
# on the command line); sets JOIN_TOKEN.
mint_join_token() {
  local dir="$WORK/mesh-tls" answer token
  if [[ ! -f "$dir/admin.header" ]]; then
    [[ -s "$dir/control/admin-token" ]] || die "the mTLS mesh's control service wrote no admin token in $dir/control"
    (umask 077 && printf 'Authorization: Bearer %s\n' "$(cat "$dir/control/admin-token")" >"$dir/admin.header")
  fi
  answer=$(curl -sS --max-time 10 --cacert "$CERTS/ca.pem" -H "@$dir/admin.header" -H 'Content-Type: application/json' \
    -d "{\"namespace\": \"$TLS_NAMESPACE\", \"serviceAccount\": \"$1\"}" \
    "https://127.0.0.1:$(port $TLS_CONTROL)/v1/join-tokens" 2>&1) || die "minting a join token for $1 failed: $answer"
  token=$(sed -n 's/.*"token" *: *"\([^"]*\)".*/\1/p' <<<"$answer")
  [[ -n "$token" ]] || die "minting a join token for $1 answered: $answer"
  JOIN_TOKEN=$token
}

# ensure_tls_mesh — the mTLS mesh's control service and its two backends, registered as
# bench-backend; sets TLS_MESH_BACKENDS (name=pid, the control service included, as P3a counts it)
# and TLS_MESH_BACKEND_PIDS.
ensure_tls_mesh() {
  [[ -n "${TLS_MESH_BACKENDS:-}" ]] && return 0
  local dir="$WORK/mesh-tls"
  mkdir -p "$dir/control"
  start_java control-tls "$CONTROL_JAR" --server.address=127.0.0.1 --server.port="$(port $TLS_CONTROL)" \
    --management.server.address=127.0.0.1 --management.server.port="$(port $((TLS_CONTROL + 1)))" \
    --mesh.policy.data-directory="$dir/control" --mesh.ca.trust-domain="$TLS_TRUST_DOMAIN" \
    --mesh.ca.certificate="$CERTS/ca.pem" --mesh.ca.private-key="$CERTS/ca.key"
  local control=$LAST_PID
  wait_http "http://127.0.0.1:$(port $((TLS_CONTROL + 1)))/actuator/health" 180 "$control" control-tls
  local i pids=()
  mint_join_token bench-backend
  for i in 1 2; do
    # shellcheck disable=SC2046
    MESH_IDENTITY_JOINTOKEN=$JOIN_TOKEN start_mesh_tls_java "mesh-tls-backend-$i" "$MESH_BACKEND_JAR" \
      --server.port="$(port $((120 + i)))" $(mesh_tls_args "mesh-tls-backend-$i" $((130 + i)))
    pids+=("$LAST_PID")
  done
  for i in 1 2; do
    wait_http "http://127.0.0.1:$(port $((130 + i)))/actuator/health" 180 "${pids[$((i - 1))]}" "mesh-tls-backend-$i"
    require_mesh_mtls "$(port $((120 + i)))" "mesh-tls-backend-$i"
  done
  wait_registered bench-backend 2 $TLS_CONTROL 60
  TLS_MESH_BACKEND_PIDS="${pids[*]}"
  TLS_MESH_BACKENDS="backend-1=${pids[0]},backend-2=${pids[1]},control=$control"
}

# require_mesh_mtls PORT NAME — a backend in STRICT mode answers neither plaintext nor TLS without a
# client certificate.
require_mesh_mtls() {
  local status
  status=$(curl -s --max-time 5 -o /dev/null -w '%{http_code}' "http://127.0.0.1:$1/payload")
  [[ "$status" == 200 ]] && die "$2 answers plaintext: it does not serve mTLS STRICT"
  status=$(curl -sk --max-time 5 -o /dev/null -w '%{http_code}' "https://127.0.0.1:$1/payload")
  [[ "$status" == 200 ]] && die "$2 answers a TLS client without a certificate: it does not require mTLS"
  return 0
}

# start_mesh_tls_caller ID OFFSET ARG... — the caller of an mTLS path (+OFFSET, management +OFFSET+1),
# calling http://bench-backend over mTLS with the caller's own identity; its inbound side stays
# plaintext (mesh.inbound.mtls.mode=DISABLED) because the load generator calls every path's caller in
# plaintext. Checks that it answers 1 KiB, that the call was made over TLS 1.3 with
# TLS_AES_128_GCM_SHA256 and what /actuator/mesh shows; sets PATH_URL, PATH_PIDS and PATH_COUNTERS.
start_mesh_tls_caller() {
  local id=$1 offset=$2 name="caller-$1"
  shift 2
  ensure_tls_mesh
  mint_join_token bench-caller
  # shellcheck disable=SC2046
  MESH_IDENTITY_JOINTOKEN=$JOIN_TOKEN start_mesh_tls_java "$name" "$MESH_CALLER_JAR" --server.port="$(port "$offset")" \
    --bench.caller.routes.mesh=http://bench-backend $(mesh_tls_args "$name" $((offset + 1))) \
    --mesh.inbound.mtls.mode=DISABLED "$@"
  local pid=$LAST_PID
  wait_http "http://127.0.0.1:$(port "$offset")/hop/mesh" 180 "$pid" "$name"
  check_body "http://127.0.0.1:$(port "$offset")/hop/mesh"
  # shellcheck disable=SC2086
  PATH_COUNTERS[$id]=$(mesh_tls_counter_script "$id" "$(port $TLS_CONTROL)" "$pid" $TLS_MESH_BACKEND_PIDS)
  local counted
  counted=$(MESH_TLS_KEEP="$WORK/tls-check-$id" "${PATH_COUNTERS[$id]}") || die "$id: $counted"
  grep -q '^tls_handshakes=0$' <<<"$counted" || grep -q '^tls_handshakes_caller=0$' <<<"$counted" &&
    die "$id: the caller answered, but no TLS handshake between it and the backends was recorded: $(echo $counted)"
  grep -q '^tls_handshakes_not_tls13=0$' <<<"$counted" && grep -q '^tls_handshakes_not_aes128gcm=0$' <<<"$counted" ||
    die "$id: a handshake negotiated another protocol or suite than TLS 1.3 with TLS_AES_128_GCM_SHA256: $(echo $counted) (see $WORK/tls-check-$id)"
  curl -sf --max-time 5 "http://127.0.0.1:$(port $((offset + 1)))/actuator/mesh" >"$WORK/mesh-$id.json" ||
    die "$id: the caller's /actuator/mesh does not answer"
  PATH_URL[$id]="http://127.0.0.1:$(port "$offset")/hop/mesh"
  PATH_PIDS[$id]="caller=$pid,$TLS_MESH_BACKENDS"
}

# require_breaker ID STATE — /actuator/mesh of an mTLS path's caller, read after its first call, shows
# bench-backend's circuit breaker in STATE (CLOSED: there is one; DISABLED: there is none).
require_breaker() {
  local json="$WORK/mesh-$1.json"
  grep -q '"service" *: *"bench-backend"' "$json" || die "$1: /actuator/mesh shows no resilience state for bench-backend (see $json)"
  grep -Eq "\"circuitBreaker\" *: *\\{ *\"state\" *: *\"$2\"" "$json" ||
    die "$1: /actuator/mesh does not show bench-backend's circuit breaker $2 (see $json)"
}

# start_control NAME OFFSET DIR — a control service of a suite's own (+OFFSET, management +OFFSET+1)
# with its data directory in DIR, without tokens like ensure_mesh's; waits until it is healthy;
# sets LAST_PID.
start_control() {
  local name=$1 offset=$2 dir=$3
  mkdir -p "$dir"
  start_java "$name" "$CONTROL_JAR" --server.address=127.0.0.1 --server.port="$(port "$offset")" \
    --management.server.address=127.0.0.1 --management.server.port="$(port $((offset + 1)))" \
    --mesh.policy.data-directory="$dir" "${CONTROL_PLAIN_ARGS[@]}"
  local pid=$LAST_PID
  wait_http "http://127.0.0.1:$(port $((offset + 1)))/actuator/health" 180 "$pid" "$name"
  LAST_PID=$pid
}

# registered SERVICE CONTROL_OFFSET — how many instances of SERVICE the control service (+OFFSET) lists
# (over TLS for the mTLS mesh's control service).
registered() {
  local url="http://127.0.0.1:$(port "$2")" tls=()
  if (($2 == TLS_CONTROL)); then url="https://127.0.0.1:$(port "$2")" tls=(--cacert "$CERTS/ca.pem"); fi
  curl -sf --max-time 5 "${tls[@]}" "$url/v1/registry/services/$1" | grep -o '"instanceId"' | wc -l
}

# wait_registered SERVICE COUNT CONTROL_OFFSET TIMEOUT — until the control service lists exactly COUNT
# instances of SERVICE (an instance killed earlier must have been evicted).
wait_registered() {
  local service=$1 count=$2 offset=$3 deadline=$((SECONDS + $4))
  until [[ $(registered "$service" "$offset") -eq $count ]]; do
    ((SECONDS > deadline)) && die "the control service does not list exactly $count $service instances (it lists $(registered "$service" "$offset"))"
    sleep 0.2
  done
}

# start_mesh_backend NAME OFFSET SERVICE CONTROL_OFFSET DIR [ARG...] — the backend with the starter
# (+OFFSET), registered as SERVICE with the control service at +CONTROL_OFFSET, its policy cache in DIR;
# sets LAST_PID without waiting.
start_mesh_backend() {
  local name=$1 offset=$2 service=$3 control=$4 dir=$5
  shift 5
  start_java "$name" "$MESH_BACKEND_JAR" --server.port="$(port "$offset")" --mesh.service="$service" \
    --mesh.address=127.0.0.1 --mesh.control.url="http://127.0.0.1:$(port "$control")" \
    --mesh.sync.cache-directory="$dir/cache-$name" "$@"
}

# start_mesh_caller NAME OFFSET ROUTE SERVICE CONTROL_OFFSET DIR [ARG...] — the caller with the starter
# (+OFFSET), calling http://SERVICE on GET /hop/ROUTE, with /actuator/mesh exposed; waits until it
# answers 1 KiB through the mesh; sets LAST_PID.
start_mesh_caller() {
  local name=$1 offset=$2 route=$3 service=$4 control=$5 dir=$6
  shift 6
  start_java "$name" "$MESH_CALLER_JAR" --server.port="$(port "$offset")" \
    --bench.caller.routes."$route"="http://$service" --mesh.address=127.0.0.1 \
    --mesh.control.url="http://127.0.0.1:$(port "$control")" --mesh.sync.cache-directory="$dir/cache-$name" \
    --management.endpoints.web.exposure.include=health,mesh "$@"
  local pid=$LAST_PID
  wait_http "http://127.0.0.1:$(port "$offset")/hop/$route" 180 "$pid" "$name"
  check_body "http://127.0.0.1:$(port "$offset")/hop/$route"
  LAST_PID=$pid
}

# The routes of the plain caller: one caller JVM serves P0, P1, P1a and P2 (only one of them is
# measured at a time), so that those paths share the same code and the same JIT state.
PLAIN_ROUTES() {
  echo "--bench.caller.routes.direct=http://127.0.0.1:$(port 101),http://127.0.0.1:$(port 102)" \
    "--bench.caller.routes.nginx-mtls=http://127.0.0.1:$(port 211)" \
    "--bench.caller.routes.nginx-plain=http://127.0.0.1:$(port 221)" \
    "--bench.caller.routes.haproxy-mtls=http://127.0.0.1:$(port 231)"
}

# ensure_plain_caller — the caller without the starter (+200); sets PLAIN_CALLER (name=pid).
ensure_plain_caller() {
  [[ -n "${PLAIN_CALLER:-}" ]] && return 0
  # shellcheck disable=SC2046
  start_java caller "$PLAIN_CALLER_JAR" --server.port="$(port 200)" $(PLAIN_ROUTES)
  local pid=$LAST_PID
  wait_http "http://127.0.0.1:$(port 200)/hop/direct" 180 "$pid" caller
  PLAIN_CALLER="caller=$pid"
}

# check_route ROUTE — the plain caller answers 1 KiB through a route.
check_route() {
  wait_http "http://127.0.0.1:$(port 200)/hop/$1" 30 "" "route $1"
  check_body "http://127.0.0.1:$(port 200)/hop/$1"
}

# --- nginx ------------------------------------------------------------------------------------------

NGINX_COMMON='worker_processes 1;
daemon off;
master_process on;
worker_rlimit_nofile 8192;
events { worker_connections 4096; }'

# nginx_conf_dir NAME — a prefix directory with the temp paths nginx insists on.
nginx_prefix() {
  local dir="$CONF/$1"
  mkdir -p "$dir"/{client_body,proxy,fastcgi,uwsgi,scgi}
  echo "$dir"
}

nginx_http_common() {
  local dir=$1
  cat <<EOT
  client_body_temp_path $dir/client_body;
  proxy_temp_path $dir/proxy;
  fastcgi_temp_path $dir/fastcgi;
  uwsgi_temp_path $dir/uwsgi;
  scgi_temp_path $dir/scgi;
  access_log off;
  keepalive_requests 1000000;
  keepalive_timeout 300s;
EOT
}

# start_nginx NAME — runs $CONF/NAME/nginx.conf; sets LAST_PID (the master).
start_nginx() {
  local name=$1 dir="$CONF/$1"
  nginx -t -q -p "$dir" -c "$dir/nginx.conf" -e "$dir/error.log" || die "invalid nginx configuration $dir/nginx.conf"
  start_bg "$name" "$LOGS/$name.log" taskset -c "$SUT_CPUS" nginx -p "$dir" -c "$dir/nginx.conf" -e "$dir/error.log"
}

# nginx_noop NAME PORT [LOCATION] — answers every request with the same 1 KiB (the load generator's
# floor); LOCATION is an extra nginx location block (e.g. a stub_status one).
nginx_noop() {
  local name=$1 port=$2 extra=${3:-} dir
  dir=$(nginx_prefix "$name")
  cat >"$dir/nginx.conf" <<EOT
$NGINX_COMMON
pid $dir/nginx.pid;
http {
$(nginx_http_common "$dir")
  server {
    listen 127.0.0.1:$port;
    $extra
    location / {
      default_type application/octet-stream;
      return 200 "$(printf 'x%.0s' $(seq 1024))";
    }
  }
}
EOT
  start_nginx "$name"
}

# nginx_outbound NAME PORT TLS UPSTREAM_PORT... — the caller's sidecar: plaintext in from the caller,
# round robin over the backends' sidecars, with mTLS when TLS=1; pooled keep-alive connections.
nginx_outbound() {
  local name=$1 port=$2 tls=$3 dir servers="" p
  shift 3
  dir=$(nginx_prefix "$name")
  for p in "$@"; do servers+="    server 127.0.0.1:$p;"$'\n'; done
  local scheme=http tls_conf=""
  if ((tls)); then
    scheme=https
    tls_conf="      proxy_ssl_certificate $CERTS/bench-caller.pem;
      proxy_ssl_certificate_key $CERTS/bench-caller.key;
      proxy_ssl_trusted_certificate $CERTS/ca.pem;
      proxy_ssl_verify on;
      proxy_ssl_verify_depth 2;
      proxy_ssl_name bench-backend;
      proxy_ssl_server_name on;
      proxy_ssl_protocols TLSv1.3;
      proxy_ssl_conf_command Ciphersuites TLS_AES_128_GCM_SHA256;
      proxy_ssl_session_reuse on;"
  fi
  cat >"$dir/nginx.conf" <<EOT
$NGINX_COMMON
pid $dir/nginx.pid;
http {
$(nginx_http_common "$dir")
  upstream backend {
$servers    keepalive 64;
    keepalive_requests 1000000;
    keepalive_timeout 300s;
  }
  server {
    listen 127.0.0.1:$port;
    location / {
      proxy_pass $scheme://backend;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
$tls_conf
    }
  }
}
EOT
  start_nginx "$name"
}

# nginx_inbound NAME PORT TLS APP_PORT — a backend's sidecar: mTLS in (client certificate required)
# when TLS=1, plaintext to its app over pooled keep-alive connections. Each new connection is logged
# (the first request on it) with whether its TLS session was resumed, to count handshakes.
nginx_inbound() {
  local name=$1 port=$2 tls=$3 app=$4 dir
  dir=$(nginx_prefix "$name")
  local listen="listen 127.0.0.1:$port;" tls_conf=""
  if ((tls)); then
    listen="listen 127.0.0.1:$port ssl;"
    tls_conf="    ssl_certificate $CERTS/bench-backend.pem;
    ssl_certificate_key $CERTS/bench-backend.key;
    ssl_client_certificate $CERTS/ca.pem;
    ssl_verify_client on;
    ssl_verify_depth 2;
    ssl_protocols TLSv1.3;
    ssl_conf_command Ciphersuites TLS_AES_128_GCM_SHA256;
    access_log $dir/connections.log connections if=\$first_request;"
  fi
  : >"$dir/connections.log"
  cat >"$dir/nginx.conf" <<EOT
$NGINX_COMMON
pid $dir/nginx.pid;
http {
$(nginx_http_common "$dir")
  log_format connections '\$connection \$ssl_session_reused \$ssl_protocol \$ssl_cipher';
  map \$connection_requests \$first_request { 1 1; default 0; }
  upstream app {
    server 127.0.0.1:$app;
    keepalive 64;
    keepalive_requests 1000000;
    keepalive_timeout 300s;
  }
  server {
    $listen
$tls_conf
    location / {
      proxy_pass http://app;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
    }
  }
}
EOT
  start_nginx "$name"
}

# --- haproxy ----------------------------------------------------------------------------------------

haproxy_common() {
  cat <<EOT
global
  nbthread 1
  maxconn 8192
  stats socket ipv4@127.0.0.1:$1 level user
  ssl-default-bind-ciphersuites TLS_AES_128_GCM_SHA256
  ssl-default-server-ciphersuites TLS_AES_128_GCM_SHA256
defaults
  mode http
  timeout connect 5s
  timeout client 300s
  timeout server 300s
  timeout http-keep-alive 300s
  option http-keep-alive
  http-reuse always
  # like the nginx upstream pools: idle connections to the app or the other sidecar are kept for
  # 300 s (haproxy's default purges idle server connections every 5 s)
  default-server pool-purge-delay 300s
EOT
}

# start_haproxy NAME — runs $CONF/NAME/haproxy.cfg in the foreground; sets LAST_PID.
start_haproxy() {
  local name=$1 cfg="$CONF/$1/haproxy.cfg"
  haproxy -c -q -f "$cfg" || die "invalid haproxy configuration $cfg"
  start_bg "$name" "$LOGS/$name.log" taskset -c "$SUT_CPUS" haproxy -db -f "$cfg"
}

# haproxy_outbound NAME PORT STATS_PORT UPSTREAM_PORT... — the caller's sidecar, mTLS out.
haproxy_outbound() {
  local name=$1 port=$2 stats=$3 p i=0
  shift 3
  mkdir -p "$CONF/$name"
  {
    haproxy_common "$stats"
    echo "frontend out"
    echo "  bind 127.0.0.1:$port"
    echo "  default_backend sidecars"
    echo "backend sidecars"
    echo "  balance roundrobin"
    for p in "$@"; do
      i=$((i + 1))
      echo "  server in$i 127.0.0.1:$p ssl crt $CERTS/bench-caller.bundle.pem ca-file $CERTS/ca.pem verify required verifyhost bench-backend sni str(bench-backend) ssl-min-ver TLSv1.3"
    done
  } >"$CONF/$name/haproxy.cfg"
  start_haproxy "$name"
}

# haproxy_inbound NAME PORT STATS_PORT APP_PORT — a backend's sidecar, mTLS in.
haproxy_inbound() {
  local name=$1 port=$2 stats=$3 app=$4
  mkdir -p "$CONF/$name"
  {
    haproxy_common "$stats"
    echo "frontend in"
    echo "  bind 127.0.0.1:$port ssl crt $CERTS/bench-backend.bundle.pem ca-file $CERTS/ca.pem verify required ssl-min-ver TLSv1.3"
    echo "  default_backend app"
    echo "backend app"
    echo "  server app 127.0.0.1:$app"
  } >"$CONF/$name/haproxy.cfg"
  start_haproxy "$name"
}

# --- sidecar pairs ----------------------------------------------------------------------------------

# nginx_pair ID TLS BASE ROUTE — caller → its nginx sidecar (+BASE+1) → round robin → one nginx
# sidecar per backend instance (+BASE+2, +BASE+3) → the plain backends; mTLS between sidecars when TLS=1.
nginx_pair() {
  local id=$1 tls=$2 base=$3 route=$4
  ensure_plain_backends
  ensure_plain_caller
  local in1 in2 out
  nginx_inbound "sidecar-in-1-$id" "$(port $((base + 2)))" "$tls" "$(port 101)"
  in1=$LAST_PID
  nginx_inbound "sidecar-in-2-$id" "$(port $((base + 3)))" "$tls" "$(port 102)"
  in2=$LAST_PID
  nginx_outbound "sidecar-out-$id" "$(port $((base + 1)))" "$tls" "$(port $((base + 2)))" "$(port $((base + 3)))"
  out=$LAST_PID
  wait_port "$(port $((base + 2)))" 30 "$in1" "sidecar-in-1-$id"
  wait_port "$(port $((base + 3)))" 30 "$in2" "sidecar-in-2-$id"
  wait_port "$(port $((base + 1)))" 30 "$out" "sidecar-out-$id"
  check_route "$route"
  PATH_URL[$id]="http://127.0.0.1:$(port 200)/hop/$route"
  PATH_PIDS[$id]="$PLAIN_CALLER,$(process_group sidecar-out "$out"),$(process_group sidecar-in-1 "$in1"),$(process_group sidecar-in-2 "$in2"),$PLAIN_BACKENDS"
  if ((tls)); then
    local script="$WORK/counters-$id.sh"
    cat >"$script" <<EOT
#!/bin/sh
# New TLS connections accepted by the backends' sidecars (one log line each), and how many were
# full handshakes rather than resumed sessions.
cat "$CONF/sidecar-in-1-$id/connections.log" "$CONF/sidecar-in-2-$id/connections.log" |
  awk '{ n++; if (\$2 != "r") f++ } END { printf "tls_handshakes=%d\ntls_full_handshakes=%d\n", n, f }'
EOT
    chmod +x "$script"
    PATH_COUNTERS[$id]=$script
  fi
}

# haproxy_pair ID BASE ROUTE — the same shape with haproxy, mTLS between the sidecars.
haproxy_pair() {
  local id=$1 base=$2 route=$3
  ensure_plain_backends
  ensure_plain_caller
  local in1 in2 out
  haproxy_inbound "sidecar-in-1-$id" "$(port $((base + 2)))" "$(port $((base + 4)))" "$(port 101)"
  in1=$LAST_PID
  haproxy_inbound "sidecar-in-2-$id" "$(port $((base + 3)))" "$(port $((base + 5)))" "$(port 102)"
  in2=$LAST_PID
  haproxy_outbound "sidecar-out-$id" "$(port $((base + 1)))" "$(port $((base + 6)))" "$(port $((base + 2)))" "$(port $((base + 3)))"
  out=$LAST_PID
  wait_port "$(port $((base + 2)))" 30 "$in1" "sidecar-in-1-$id"
  wait_port "$(port $((base + 3)))" 30 "$in2" "sidecar-in-2-$id"
  wait_port "$(port $((base + 1)))" 30 "$out" "sidecar-out-$id"
  check_route "$route"
  PATH_URL[$id]="http://127.0.0.1:$(port 200)/hop/$route"
  PATH_PIDS[$id]="$PLAIN_CALLER,$(process_group sidecar-out "$out"),$(process_group sidecar-in-1 "$in1"),$(process_group sidecar-in-2 "$in2"),$PLAIN_BACKENDS"
  local script="$WORK/counters-$id.sh"
  cat >"$script" <<EOT
#!/usr/bin/env bash
# New TLS connections accepted by the backends' sidecars (CumSslConns of haproxy's "show info").
total=0
for stats in $(port $((base + 4))) $(port $((base + 5))); do
  exec 3<>"/dev/tcp/127.0.0.1/\$stats" || exit 1
  printf 'show info\n' >&3
  n=\$(timeout 5 cat <&3 | awk -F': ' '\$1 == "CumSslConns" { print \$2 }')
  exec 3<&-
  total=\$((total + \${n:-0}))
done
echo "tls_handshakes=\$total"
EOT
  chmod +x "$script"
  PATH_COUNTERS[$id]=$script
}
