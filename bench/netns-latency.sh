#!/usr/bin/env bash
# Scans the embedded demo fleet through a real network with delay: the fleet is served by its own process
# (`capfleet demo --serve-only`) in one network namespace, the scan runs in another, and the two are joined by a
# veth pair whose both ends delay every packet by half the RTT (tc netem; on kernels without netem, a delay line
# in a third namespace, bench/delay-line.c, compiled with gcc). Prints wall time, hosts reached, CPU of
# each side and the scanner's peak heap, per RTT.
#
#   sudo bench/netns-latency.sh [--hosts 10000] [--rtt-ms "50 150"] [-f FORKS] [--heap 512m]
#
# Needs root, iproute2 (ip, tc with netem). Everything it makes lives in two namespaces it creates and deletes
# (capfleet-scan-PID, capfleet-fleet-PID, and capfleet-wire-PID for the delay line): the fleet's hosts on 10.99.x.y, routed to lo inside the fleet's
# namespace; the link 10.250.0.1-2/30 between them. Nothing is added to this machine's own network, nothing leaves
# the two namespaces, and a trap removes them (and stops the fleet) on any exit.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
n=10000 rtts="50 150" forks= heap=512m
while (($#)); do
  case $1 in
    --hosts) n=$2; shift 2 ;;
    --rtt-ms) rtts=$2; shift 2 ;;
    -f) forks=$2; shift 2 ;;
    --heap) heap=$2; shift 2 ;;
    *) echo "usage: $0 [--hosts N] [--rtt-ms \"50 150\"] [-f FORKS] [--heap 512m]" >&2; exit 2 ;;
  esac
done
[ "$(id -u)" = 0 ] || { echo "run as root (network namespaces)" >&2; exit 2; }
((n >= 1 && n <= 64516)) || { echo "--hosts must be 1-64516" >&2; exit 2; }
for r in $rtts; do ((r >= 0 && r <= 2000)) || { echo "--rtt-ms values must be 0-2000" >&2; exit 2; }; done
capfleet=${CAPFLEET:-"$root/bin/capfleet"}
export CAPFLEET_JAR=${CAPFLEET_JAR:-$root/target/capfleet.jar}
[ -f "$CAPFLEET_JAR" ] || { echo "no $CAPFLEET_JAR: run mvn -B -DskipTests package first" >&2; exit 2; }

scan_ns=capfleet-scan-$$ fleet_ns=capfleet-fleet-$$ wire_ns=capfleet-wire-$$
veth_s=cfs$$ veth_f=cff$$ wire_s=cws$$ wire_f=cwf$$
work=$(mktemp -d /tmp/capfleet-netns.XXXXXX)
server= line=
stop_line() { if [ -n "$line" ]; then kill "$line" 2>/dev/null || true; wait "$line" 2>/dev/null || true; line=; fi; }
cleanup() {
  exec 7>&- 2>/dev/null || true # ends the server's standard input: it stops its fleet and exits
  if [ -n "$server" ]; then
    for _ in 1 2 3 4 5 6 7 8 9 10; do kill -0 "$server" 2>/dev/null || break; sleep 0.5; done
    kill "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
  fi
  stop_line
  for ns in "$scan_ns" "$fleet_ns" "$wire_ns"; do ip netns del "$ns" 2>/dev/null || true; done # veths go too
  if [ -n "${KEEP_WORK:-}" ]; then echo "# kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

in_scan() { ip netns exec "$scan_ns" "$@"; }
in_fleet() { ip netns exec "$fleet_ns" "$@"; }
in_wire() { ip netns exec "$wire_ns" "$@"; }
ip netns add "$scan_ns"
ip netns add "$fleet_ns"
in_scan ip link set lo up
in_fleet ip link set lo up
# netem where the kernel has it (CONFIG_NET_SCH_NETEM): one veth pair, half the RTT on each end. Without it, a
# third namespace holds bench/delay-line.c between two veth pairs, forwarding every frame half the RTT later.
if ip netns add "$wire_ns" && in_wire ip link add probe-netem type dummy 2>/dev/null && \
  in_wire tc qdisc add dev probe-netem root netem delay 1ms 2>/dev/null; then
  how=netem
  ip netns del "$wire_ns"
  ip link add "$veth_s" netns "$scan_ns" type veth peer name "$veth_f" netns "$fleet_ns"
else
  how=delay-line
  gcc -O2 -o "$work/delay-line" "$here/delay-line.c"
  in_wire sysctl -q -w net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
  ip link add "$veth_s" netns "$scan_ns" type veth peer name "$wire_s" netns "$wire_ns"
  ip link add "$veth_f" netns "$fleet_ns" type veth peer name "$wire_f" netns "$wire_ns"
  in_wire ip link set "$wire_s" up
  in_wire ip link set "$wire_f" up
fi
in_scan ip addr add 10.250.0.1/24 dev "$veth_s"
in_fleet ip addr add 10.250.0.2/24 dev "$veth_f"
in_scan ip link set "$veth_s" up
in_fleet ip link set "$veth_f" up
in_fleet ip route add local 10.99.0.0/16 dev lo # every 10.99.x.y is this namespace's own address
in_scan ip route add 10.99.0.0/16 via 10.250.0.2
set_rtt() { # ms
  local half_us=$(($1 * 500))
  if [ "$how" = netem ]; then
    # a 100,000-packet queue: netem's default of 1,000 drops packets when thousands of connections are in flight
    in_scan tc qdisc replace dev "$veth_s" root netem delay "${half_us}us" limit 100000
    in_fleet tc qdisc replace dev "$veth_f" root netem delay "${half_us}us" limit 100000
  else
    stop_line
    # not through in_wire: $! must be the delay line itself, not a subshell, for stop_line to end it
    ip netns exec "$wire_ns" "$work/delay-line" "$wire_s" "$wire_f" "$half_us" 3600 >>"$work/line.log" 2>&1 &
    line=$!
    sleep 0.3
  fi
}

mkfifo "$work/ctl"
fleet_dir=$work/fleet
mkdir -p "$fleet_dir"
# The fleet's JVM: the launcher's defaults (C1) and a heap of its own; its CPU is counted apart from the scanner's.
in_fleet env JAVA_OPTS="${FLEET_JAVA_OPTS:-}" "$capfleet" demo --serve-only "$fleet_dir" \
  --hosts "$n" --network 10.99 <"$work/ctl" >"$work/serve.log" 2>&1 &
server=$!
exec 7>"$work/ctl"
for ((t = 0; t < 600; t++)); do
  grep -q '^serving' "$work/serve.log" 2>/dev/null && break
  kill -0 "$server" 2>/dev/null || { echo "fleet server failed:"; cat "$work/serve.log"; exit 1; }
  sleep 0.2
done
grep -q '^serving' "$work/serve.log" || { echo "fleet server did not start in 120 s"; exit 1; }
server_java= # the fleet's JVM, below ip netns exec, env and the launcher
for p in $(pgrep -f -- "--serve-only $fleet_dir"); do [ "$(cat "/proc/$p/comm")" = java ] && server_java=$p; done
[ -n "$server_java" ] || { echo "fleet server JVM not found"; exit 1; }
first_host=$(grep -m1 -o 'ansible_host=[0-9.]* ansible_port=[0-9]*' "$fleet_dir/demo.ini")
addr=${first_host#ansible_host=}; addr=${addr%% *}; port=${first_host##*=}
ticks() { local f; read -r -a f <"/proc/$1/stat"; echo $((f[13] + f[14])); }
hz=$(getconf CLK_TCK)

echo "# $(date -u '+%Y-%m-%dT%H:%M:%SZ') $(nproc) cores, kernel $(uname -r), $n hosts, scanner -Xmx$heap"
echo "# fleet: $(head -1 "$work/serve.log"); delay by $how"
printf '%6s %8s %7s %8s %8s %9s %10s %10s %9s %8s %8s  %s\n' rtt_ms tcp_rtt forks scan_s wall_s reached \
  scan_cpu_s fleet_cpu_s line_cpu_s peak_MB live_MB load
for r in $rtts; do
  set_rtt "$r"
  ping_ms=$(in_scan python3 - "$addr" "$port" <<'PY'
import socket, sys, time
best = None
for _ in range(5):  # a TCP connect takes one round trip: SYN out, SYN-ACK back
    t = time.monotonic()
    socket.create_connection((sys.argv[1], int(sys.argv[2])), timeout=10).close()
    best = min(best or 9e9, time.monotonic() - t)
print(f"{best * 1000:.1f}")
PY
) || ping_ms=-
  kill -0 "$server_java" 2>/dev/null || { echo "# the fleet server stopped:"; cat "$work/serve.log"; exit 1; }
  out=$work/out; rm -rf "$out"
  load=$(cut -d' ' -f1-3 /proc/loadavg)
  f0=$(ticks "$server_java")
  l0=0; [ -n "$line" ] && l0=$(ticks "$line")
  t0=$(date +%s%N)
  rc=0
  in_scan env JAVA_OPTS="-Xmx$heap -Xlog:gc:file=$work/gc.log ${JAVA_OPTS:-}" /usr/bin/time -f '%U %S' \
    -o "$work/time" timeout 900 "$capfleet" scan -i "$fleet_dir/demo.ini" --known-hosts "$fleet_dir/known_hosts" \
    ${forks:+-f "$forks"} --out "$out" --name scan --format json >"$work/scan.log" 2>&1 || rc=$?
  t1=$(date +%s%N)
  f1=$(ticks "$server_java")
  l1=0; [ -n "$line" ] && l1=$(ticks "$line") # the delay line's CPU is the bench's, on the same cores
  if [ "$rc" != 0 ] && [ "$rc" != 3 ] && [ "$rc" != 4 ]; then
    echo "# scan at $r ms failed (exit $rc):"; tail -5 "$work/scan.log"; continue
  fi
  read -r u s < <(tail -1 "$work/time")
  read -r peak live < <(grep -oE '[0-9]+M->[0-9]+M\(' "$work/gc.log" | tr -d '(' |
    awk -F'->' '{b=$1+0; a=$2+0; if (b>p) p=b; if (a>l) l=a} END {print p+0, l+0}')
  python3 - "$out/scan.json" "$n" "$r" "$ping_ms" "${forks:-default}" "$t0" "$t1" "$u" "$s" "$f0" "$f1" "$hz" \
    "$peak" "$live" "$load" "$l0" "$l1" <<'PY'
import json, sys
f, n, rtt, ping, forks, t0, t1, u, s, f0, f1, hz, peak, live, load, l0, l1 = sys.argv[1:]
hosts = json.load(open(f))["hosts"]
scan = json.load(open(f))["scan"]["millis"] / 1000
reached = sum(1 for h in hosts if h["verdict"] != "UNREACHABLE" and not h.get("error"))
print(f"{rtt:>6} {ping:>8} {forks:>7} {scan:8.1f} {(int(t1)-int(t0))/1e9:8.1f} {reached:>5}/{n:<5} "
      f"{float(u)+float(s):10.1f} {(int(f1)-int(f0))/int(hz):10.1f} {(int(l1)-int(l0))/int(hz):9.1f} {peak:>8} {live:>8}  {load}")
PY
done
echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg)"
