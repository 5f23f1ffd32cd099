# Installing the tools, building, certificates and the machine description. Sourced.

# install_tools — Debian packages for the sidecars, wrk and the probes, when missing. The packaged
# nginx and haproxy services are never started: the benchmark runs its own instances.
install_tools() {
  local missing=()
  command -v nginx >/dev/null || missing+=(nginx-light)
  command -v haproxy >/dev/null || missing+=(haproxy)
  command -v wrk >/dev/null || missing+=(wrk)
  command -v openssl >/dev/null || missing+=(openssl)
  command -v curl >/dev/null || missing+=(curl)
  command -v taskset >/dev/null || missing+=(util-linux)
  command -v pgrep >/dev/null || missing+=(procps)
  command -v fc-list >/dev/null || missing+=(fontconfig fonts-dejavu-core)
  ((${#missing[@]} == 0)) && return 0
  command -v apt-get >/dev/null || die "missing ${missing[*]} and no apt-get: install them yourself"
  local sudo=""
  ((EUID != 0)) && sudo="sudo"
  say "installing ${missing[*]} (Debian packages)..."
  # Keep the packages' own services from starting, unless a policy already says so.
  local policy=/usr/sbin/policy-rc.d created=0
  if [[ ! -e $policy ]]; then
    printf '#!/bin/sh\nexit 101\n' | $sudo tee "$policy" >/dev/null && $sudo chmod +x "$policy" && created=1
  fi
  $sudo apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q \
    --no-install-recommends "${missing[@]}" >/dev/null
  local rc=$?
  ((created)) && $sudo rm -f "$policy"
  ((rc == 0)) || die "apt-get install ${missing[*]} failed"
}

# build — the programs, with the Maven wrapper: the control service, the starter and the bench modules.
build() {
  say "building with the Maven wrapper (control service, starter, bench apps, load generator, JMH benchmarks)..."
  (cd "$ROOT" && ./mvnw -B -q -DskipTests -f bench/pom.xml package) || die "build failed"
}

# stage_jars — copy the jars into the results folder, so that a rebuild during the run changes nothing.
stage_jars() {
  mkdir -p "$WORK/jars"
  local version=0.1.0-SNAPSHOT
  local sources=(
    "$BENCH_DIR/loadgen/target/bench-loadgen-$version.jar"
    "$BENCH_DIR/apps/plain/target/bench-apps-plain-$version-caller.jar"
    "$BENCH_DIR/apps/plain/target/bench-apps-plain-$version-backend.jar"
    "$BENCH_DIR/apps/mesh/target/bench-apps-mesh-$version-caller.jar"
    "$BENCH_DIR/apps/mesh/target/bench-apps-mesh-$version-backend.jar"
    "$BENCH_DIR/apps/chain/target/bench-apps-chain-$version-caller.jar"
    "$ROOT/mesh-control-service/target/mesh-control-service-$version.jar"
  )
  local jar
  for jar in "${sources[@]}"; do
    [[ -f "$jar" ]] || die "$jar is missing: run without --no-build"
    cp "$jar" "$WORK/jars/"
  done
  # the JMH benchmarks run from their jar and its class path (a folder of jars)
  local jmh="$BENCH_DIR/jmh/target/bench-jmh-$version.jar"
  [[ -f "$jmh" && -d "$BENCH_DIR/jmh/target/lib" ]] || die "$jmh or its lib/ is missing: run without --no-build"
  cp "$jmh" "$WORK/jars/"
  cp -r "$BENCH_DIR/jmh/target/lib" "$WORK/jars/jmh-lib"
  JMH_JAR="$WORK/jars/bench-jmh-$version.jar"
  JMH_LIB="$WORK/jars/jmh-lib"
  LOADGEN_JAR="$WORK/jars/bench-loadgen-$version.jar"
  PLAIN_CALLER_JAR="$WORK/jars/bench-apps-plain-$version-caller.jar"
  PLAIN_BACKEND_JAR="$WORK/jars/bench-apps-plain-$version-backend.jar"
  MESH_CALLER_JAR="$WORK/jars/bench-apps-mesh-$version-caller.jar"
  MESH_BACKEND_JAR="$WORK/jars/bench-apps-mesh-$version-backend.jar"
  CHAIN_CALLER_JAR="$WORK/jars/bench-apps-chain-$version-caller.jar"
  CONTROL_JAR="$WORK/jars/mesh-control-service-$version.jar"
}

# make_certs — one CA and ECDSA P-256 certificates shared by every TLS path: bench-backend (server)
# and bench-caller (client), both with a DNS name and a SPIFFE ID, as PEM, PKCS#8 and haproxy bundles.
make_certs() {
  mkdir -p "$CERTS"
  (
    cd "$CERTS" || exit 1
    openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out ca.key 2>/dev/null
    openssl req -x509 -new -key ca.key -sha256 -days 30 -subj "/CN=bench mesh CA" -out ca.pem \
      -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
    local name
    for name in bench-backend bench-caller; do
      openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$name.key" 2>/dev/null
      openssl req -new -key "$name.key" -subj "/CN=$name" -out "$name.csr" 2>/dev/null
      printf '%s\n' "subjectAltName=DNS:$name,URI:spiffe://mesh.local/ns/bench/sa/$name" \
        "basicConstraints=critical,CA:FALSE" "keyUsage=critical,digitalSignature" \
        "extendedKeyUsage=serverAuth,clientAuth" >"$name.ext"
      openssl x509 -req -in "$name.csr" -CA ca.pem -CAkey ca.key -CAcreateserial -days 30 -sha256 \
        -extfile "$name.ext" -out "$name.pem" 2>/dev/null
      openssl pkcs8 -topk8 -nocrypt -in "$name.key" -out "$name.pk8.pem"
      cat "$name.pem" "$name.key" >"$name.bundle.pem"
    done
    openssl verify -CAfile ca.pem bench-backend.pem bench-caller.pem >/dev/null
  ) || die "could not create the certificates"
}

# describe_machine — meta/machine.txt.
describe_machine() {
  local dirty=no
  [[ -n "$(git -C "$ROOT" status --porcelain 2>/dev/null)" ]] && dirty=yes
  {
    echo "cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs) ($(nproc) CPUs)"
    echo "memory=$(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)"
    echo "jdk=$("$JAVA" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.vm.name|java.runtime.version/ {printf "%s ", $2}')"
    echo "kernel=$(uname -sr)"
    echo "os=$(. /etc/os-release 2>/dev/null && echo "$PRETTY_NAME")"
    echo "nginx=$(nginx -v 2>&1 | sed 's/^.*: //')"
    echo "haproxy=$(haproxy -v 2>/dev/null | head -1 | awk '{print $3}')"
    echo "wrk=$(wrk -v 2>&1 | head -1 | awk '{print $2}')"
    echo "openssl=$(openssl version)"
    echo "commit=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null)"
    echo "dirty=$dirty"
  } >"$META/machine.txt"
}

# proc_ticks — "pid ticks name" for every process (user + system time so far).
proc_ticks() {
  local f line pid name rest
  for f in /proc/[0-9]*/stat; do
    { read -r line <"$f"; } 2>/dev/null || continue
    pid=${line%% *}
    name=${line#*(}
    name=${name%)*}
    rest=${line##*) }
    set -- $rest
    echo "$pid $((${12} + ${13})) ${name// /_}"
  done
}

# busy_processes — programs not started by the benchmark that used more than 5% of a CPU over the
# last second, e.g. "java 97%, cc1 40%" (names only).
busy_processes() {
  local before after tck own
  tck=$(getconf CLK_TCK)
  own=" $$ ${STARTED_PIDS[*]} ${LOADGEN_PID} "
  before=$(proc_ticks)
  sleep 1
  after=$(proc_ticks)
  awk -v tck="$tck" -v own="$own" '
    NR == FNR { seen[$1] = $2; next }
    ($1 in seen) && index(own, " " $1 " ") == 0 {
      pct = ($2 - seen[$1]) * 100 / tck
      if (pct > 5) printf "%s %.0f%%\n", $3, pct
    }' <(echo "$before") <(echo "$after") | sort -k2 -t' ' -rn | head -6 | paste -sd, - | sed 's/,/, /g'
}

# update_readme MARKER SUMMARY STAMP — replace what bench/README.md holds between
# <!-- MARKER:start --> and <!-- MARKER:end --> with this run's summary.
update_readme() {
  local marker=$1 summary=$2 stamp=$3 readme="$BENCH_DIR/README.md"
  local start="<!-- $marker:start -->" end="<!-- $marker:end -->"
  grep -q "$start" "$readme" 2>/dev/null || { say "README has no $marker markers: not updated"; return 0; }
  {
    sed "/$start/q" "$readme"
    echo
    echo "Run \`$stamp\` (full report: \`bench/results/$stamp/report.md\`, not committed)."
    echo
    cat "$summary"
    sed -n "/$end/,\$p" "$readme"
  } >"$readme.new" && mv "$readme.new" "$readme"
  say "bench/README.md ($marker) updated with the results of $stamp"
}
