# floor: the load generator against a no-op server, to know what the generator itself adds.
register_path floor "no-op nginx returning the same 1 KiB: the load generator's floor" \
  "not a path: the generator's own latency and jitter"
PATH_SATURATION[floor]=0

path_floor_start() {
  nginx_noop floor "$(port 80)"
  local pid=$LAST_PID
  wait_port "$(port 80)" 30 "$pid" floor
  check_body "http://127.0.0.1:$(port 80)/payload"
  PATH_URL[floor]="http://127.0.0.1:$(port 80)/payload"
  PATH_PIDS[floor]=$(process_group nginx "$pid")
}
