# The registry of hop paths. Each file in bench/paths/ registers one path: measurable paths define
# path_<ID>_start, which starts the path's programs and sets PATH_URL[ID] (what the load generator
# calls), PATH_PIDS[ID] ("name=pid[+pid],…", every process of the path) and optionally
# PATH_COUNTERS[ID] (a command printing name=value counters, e.g. tls_handshakes). Sourced.

PATH_IDS=()
declare -A PATH_LABEL PATH_MEASURABLE PATH_NOTE PATH_URL PATH_PIDS PATH_COUNTERS PATH_SATURATION

# register_path ID LABEL [NOTE] — a path the harness can measure.
register_path() {
  PATH_IDS+=("$1")
  PATH_LABEL[$1]=$2
  PATH_NOTE[$1]=${3:-}
  PATH_MEASURABLE[$1]=1
  PATH_SATURATION[$1]=1
}

# register_unavailable ID LABEL REASON — a path defined by the issue that cannot be measured yet;
# the report lists it with the reason and never substitutes another path's numbers.
register_unavailable() {
  PATH_IDS+=("$1")
  PATH_LABEL[$1]=$2
  PATH_NOTE[$1]=$3
  PATH_MEASURABLE[$1]=0
}

for path_file in floor P0 P1 P1a P2 P3 P3a P3b; do
  # shellcheck source=/dev/null
  source "$BENCH_DIR/paths/$path_file.sh"
done
unset path_file
