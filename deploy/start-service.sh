# Sourced by deploy/main.sh and deploy/notify.sh (from the repository root):
# start one program in the background with its log and pid under var/run/
# and wait until it has written its ready file.

wait_ready() {  # NAME: waits for var/run/NAME.ready while var/run/NAME.pid lives
  for _ in $(seq 1 100); do
    [ -s "var/run/$1.ready" ] && return 0
    kill -0 "$(cat "var/run/$1.pid")" 2>/dev/null || { cat "var/run/$1.log"; exit 1; }
    sleep 0.1
  done
  echo "$1 did not come up"; exit 1
}

start_service() {  # NAME BINARY ARGS...: BINARY ARGS --ready-file var/run/NAME.ready
  local name=$1 binary=$2
  shift 2
  mkdir -p var/run
  rm -f "var/run/$name.ready"
  "$binary" "$@" --ready-file "var/run/$name.ready" >>"var/run/$name.log" 2>&1 &
  echo $! > "var/run/$name.pid"
  wait_ready "$name"
}

say_up() {  # NAME: one line with its pid and endpoints
  echo "$1 up (pid $(cat "var/run/$1.pid")): $(tr '\n' ' ' < "var/run/$1.ready")"
}
