#!/usr/bin/env bash
# A local cluster on loopback: a throwaway PostgreSQL (ops/postgres.sh, Debian's package, port $PGPORT, default 5432)
# with durable settings (fsync, synchronous_commit and full_page_writes on; PG_DURABILITY=fast only if you will not
# quote what you measure) and N nodes of the Release build with cluster-config/cluster-node.json. Node I serves HTTP on
# 127.0.0.1:510I and Akka on 127.0.0.1:410I; nodes 1 and 2 are the seeds. State (pids, logs) in .cluster/.
# Remoting is TLS with mutual authentication: throwaway certificates (a CA and one node certificate, PKCS#12) are made
# with openssl in .cluster/tls/ on first use. CLUSTER_TLS=off starts the nodes on plain TCP.
#   ops/cluster.sh up N      build (unless CLUSTER_BUILD=off), start PostgreSQL and nodes 1..N; returns once all answer /readyz
#   ops/cluster.sh kill I    kill -9 node I (a crash: the others see it unreachable; `ksctl cluster down` or a restart)
#   ops/cluster.sh start I   start node I again (or a new node I) and wait until it is ready
#   ops/cluster.sh stop I    stop node I gracefully (SIGTERM: it leaves the cluster, exit code 0)
#   ops/cluster.sh status    each node: pid, alive, ready
#   ops/cluster.sh certs     make the throwaway CA and node certificate (done by up and start when missing)
#   ops/cluster.sh down      stop every node and PostgreSQL, remove their data
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
state="$root/.cluster"
export PGPORT=${PGPORT:-5432}
database=kuasheng_cluster
host_dll="$root/src/KuaSheng.Host/bin/Release/net10.0/KuaSheng.Host.dll"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

usage() {
  sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

node_number() {
  [[ "${1:-}" =~ ^[1-9]$ ]] || { echo "cluster.sh: node number 1-9 expected, got '${1:-}'" >&2; exit 2; }
}

tls="$state/tls"
tls_on() { [ "${CLUSTER_TLS:-on}" != off ]; }

# A CA and one certificate for every node (serverAuth and clientAuth, SAN 127.0.0.1 and localhost; nodes do not check
# host names, the CA is the authority), valid 30 days, its PKCS#12 password in a file.
make_certs() {
  [ -f "$tls/node.p12" ] && return
  command -v openssl >/dev/null || { echo "cluster.sh: openssl is needed for the TLS certificates (or CLUSTER_TLS=off)" >&2; exit 1; }
  mkdir -p "$tls"
  chmod 700 "$tls"
  local ec=(-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes)
  openssl req -x509 "${ec[@]}" -keyout "$tls/ca.key" -out "$tls/ca.crt" -days 30 -subj "/CN=KuaSheng local cluster CA" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
  openssl req "${ec[@]}" -keyout "$tls/node.key" -out "$tls/node.csr" -subj "/CN=kuasheng-node" 2>/dev/null
  printf 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth,clientAuth\nsubjectAltName=IP:127.0.0.1,DNS:localhost\n' >"$tls/node.ext"
  openssl x509 -req -in "$tls/node.csr" -CA "$tls/ca.crt" -CAkey "$tls/ca.key" -CAcreateserial -out "$tls/node.crt" -days 30 \
    -extfile "$tls/node.ext" 2>/dev/null
  (umask 077; openssl rand -hex 16 >"$tls/password")
  openssl pkcs12 -export -in "$tls/node.crt" -inkey "$tls/node.key" -out "$tls/node.p12" -passout "file:$tls/password"
  rm -f "$tls/node.csr" "$tls/node.ext"
  echo "certificates: $tls (CA ca.crt, node node.p12)"
}

tls_environment() {
  if tls_on; then
    echo "KuaSheng__Cluster__Tls__CertificatePath=$tls/node.p12"
    echo "KuaSheng__Cluster__Tls__CertificatePasswordFile=$tls/password"
    echo "KuaSheng__Cluster__Tls__CaCertificatePath=$tls/ca.crt"
  fi
}

scheme() { if tls_on; then echo akka.ssl.tcp; else echo akka.tcp; fi; }

pid_of() { cat "$state/node$1.pid" 2>/dev/null || true; }

alive() { local pid; pid=$(pid_of "$1"); [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; }

ready() { curl -fsS --max-time 3 "http://127.0.0.1:510$1/readyz" >/dev/null 2>&1; }

start_postgres() {
  if ! PG_DURABILITY=${PG_DURABILITY:-durable} ops/postgres.sh start >/dev/null 2>"$state/postgres.log"; then cat "$state/postgres.log" >&2; exit 1; fi
  local psql=("$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)/psql" -h 127.0.0.1 -p "$PGPORT" -U postgres -tA)
  "${psql[@]}" -c "SELECT 1 FROM pg_database WHERE datname='$database'" | grep -q 1 \
    || "${psql[@]}" -c "CREATE DATABASE $database" >/dev/null
}

start_node() {
  local i=$1
  if alive "$i"; then echo "node $i is already running (pid $(pid_of "$i"))"; return; fi
  mkdir -p "$state/node$i"
  if tls_on; then make_certs; fi
  local extra=()
  mapfile -t extra < <(tls_environment)
  # setsid: the node outlives this script and its terminal; its log is .cluster/nodeI.log.
  KuaSheng__ConnectionString="Host=127.0.0.1;Port=$PGPORT;Database=$database;Username=postgres" \
  KuaSheng__DataDir="$state/node$i" \
    env "${extra[@]}" setsid dotnet "$host_dll" --config cluster-node --urls "http://127.0.0.1:510$i" \
      --KuaSheng:Cluster:Port="410$i" \
      --KuaSheng:Cluster:Seeds:0="$(scheme)://kuasheng@127.0.0.1:4101" \
      --KuaSheng:Cluster:Seeds:1="$(scheme)://kuasheng@127.0.0.1:4102" \
      >"$state/node$i.log" 2>&1 < /dev/null &
  echo $! >"$state/node$i.pid"
  echo "node $i: pid $!, http://127.0.0.1:510$i, $(scheme)://kuasheng@127.0.0.1:410$i"
}

wait_ready() {
  local i=$1 until=$((SECONDS + 120))
  until ready "$i"; do
    if ! alive "$i"; then echo "node $i exited; last lines of .cluster/node$i.log:" >&2; tail -n 20 "$state/node$i.log" >&2; exit 1; fi
    if [ $SECONDS -ge $until ]; then echo "node $i not ready after 120 s; see .cluster/node$i.log" >&2; exit 1; fi
    sleep 0.5
  done
  echo "node $i ready"
}

stop_node() {
  local i=$1 pid
  pid=$(pid_of "$i")
  if ! alive "$i"; then echo "node $i is not running"; rm -f "$state/node$i.pid"; return; fi
  kill -TERM "$pid"
  for _ in $(seq 1 60); do alive "$i" || break; sleep 0.5; done
  if alive "$i"; then echo "node $i did not stop in 30 s: kill -9" >&2; kill -9 "$pid"; fi
  rm -f "$state/node$i.pid"
  echo "node $i stopped"
}

build() {
  local log
  log=$(mktemp)
  if ! dotnet build -c Release src/KuaSheng.Host >"$log" 2>&1; then cat "$log" >&2; rm -f "$log"; exit 1; fi
  rm -f "$log"
}

case "${1:-}" in
  up)
    [[ "${2:-}" =~ ^[1-9]$ ]] || { echo "cluster.sh up N: N from 1 to 9" >&2; exit 2; }
    mkdir -p "$state"
    [ "${CLUSTER_BUILD:-on}" = off ] || build
    start_postgres
    for i in $(seq 1 "$2"); do start_node "$i"; done
    for i in $(seq 1 "$2"); do wait_ready "$i"; done
    ;;
  kill)
    node_number "${2:-}"
    alive "$2" || { echo "node $2 is not running" >&2; exit 1; }
    kill -9 "$(pid_of "$2")"
    echo "node $2 killed (kill -9)"
    ;;
  start)
    node_number "${2:-}"
    mkdir -p "$state"
    [ -f "$host_dll" ] || build
    start_postgres
    start_node "$2"
    wait_ready "$2"
    ;;
  stop)
    node_number "${2:-}"
    stop_node "$2"
    ;;
  certs)
    mkdir -p "$state"
    make_certs
    ;;
  status)
    printf '%-5s %-8s %-6s %s\n' node pid alive ready
    for file in "$state"/node*.pid; do
      [ -e "$file" ] || continue
      i=${file##*/node}; i=${i%.pid}
      printf '%-5s %-8s %-6s %s\n' "$i" "$(pid_of "$i")" "$(alive "$i" && echo yes || echo no)" "$(ready "$i" && echo yes || echo no)"
    done
    ;;
  down)
    for file in "$state"/node*.pid; do
      [ -e "$file" ] || continue
      i=${file##*/node}; i=${i%.pid}
      stop_node "$i"
    done
    ops/postgres.sh clean
    rm -rf "$state"
    echo "cluster down, data removed"
    ;;
  *)
    usage
    ;;
esac
