# Sourced by the live-mode checks (check_*.sh). start_serve OUT INPUT ARGS... starts
# `$zksim serve ARGS...` with stdin from INPUT (/dev/null, or a FIFO the check writes
# commands to) and its output in OUT/serve.out and OUT/serve.err; sets serve_pid; on exit
# stops that server by its pid and removes OUT; and returns once the client ports are open,
# or fails with serve's stderr.
start_serve() {
  local out=$1 input=$2
  shift 2
  "$zksim" serve "$@" >"$out/serve.out" 2>"$out/serve.err" <"$input" &
  serve_pid=$!
  # shellcheck disable=SC2064  # OUT is expanded now, the pid when the trap runs
  trap "kill \$serve_pid 2>/dev/null || true; wait \$serve_pid 2>/dev/null || true; rm -rf '$out'" EXIT
  for _ in $(seq 1 100); do
    grep -q "clients on" "$out/serve.out" 2>/dev/null && break
    sleep 0.1
  done
  grep -q "clients on" "$out/serve.out" || { echo "zksim serve did not start:"; cat "$out/serve.err"; exit 1; }
}
