# P0: the baseline. The caller without the starter calls the two backends directly, balancing
# itself over their two static URLs; plaintext.
register_path P0 "plain RestClient, own round robin over 2 static URLs, direct, plaintext"

path_P0_start() {
  ensure_plain_backends
  ensure_plain_caller
  check_route direct
  PATH_URL[P0]="http://127.0.0.1:$(port 200)/hop/direct"
  PATH_PIDS[P0]="$PLAIN_CALLER,$PLAIN_BACKENDS"
}
