# Sourced by scripts/test.sh: starts a private redis-server on a free 127.0.0.1 port (no persistence,
# daemonised), exports FLEETGATE_REDIS_URL for the suites that need it, and stops the server on exit.
redis_dir="$(mktemp -d)"
redis_port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
stop_redis() {
  [ -f "$redis_dir/redis.pid" ] && kill "$(cat "$redis_dir/redis.pid")" 2>/dev/null || true
  rm -rf "$redis_dir"
}
trap stop_redis EXIT
if command -v redis-server >/dev/null 2>&1; then
  redis-server --bind 127.0.0.1 --port "$redis_port" --save '' --appendonly no --daemonize yes \
    --pidfile "$redis_dir/redis.pid" --dir "$redis_dir" --logfile "$redis_dir/redis.log"
  for _ in $(seq 50); do redis-cli -p "$redis_port" ping >/dev/null 2>&1 && break; sleep 0.1; done
  echo "redis-server $(redis-server --version | sed -nE 's/.*v=([0-9.]+).*/\1/p') on 127.0.0.1:$redis_port"
else
  echo "redis-server is missing: the Redis suites will fail (scripts/setup.sh installs it)" >&2
fi
export FLEETGATE_REDIS_URL="redis://127.0.0.1:$redis_port/"
