#!/usr/bin/env bash
# Scans the embedded MINA SSHD demo fleet (`capfleet demo --hosts N`) at several sizes, with and without added
# latency, in a bounded heap, and prints hosts per second, peak heap and CPU.
#
#   bench/demo-scale.sh [--hosts "1000 5000 10000"] [--latency-ms "0 50"] [-f FORKS] [--heap 512m]
#
# The demo fleet's server runs in the same JVM as the scanner, so CPU and heap are those of both ends; its hosts
# live on 127.0.1.1 onward (see dev.capfleet.demo.DemoFleet). --latency-ms delays every server write (banner, key
# exchange, auth, channel replies, answer), which stands in for that many ms of network per round trip.
# Reports (JSON and the streamed Excel workbook) are written as in a real scan. Peak heap is the largest heap
# occupancy G1 logged before a collection; "live" is the largest occupancy after one (what the scan kept).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
sizes="1000 5000 10000" latencies="0 50" forks=50 heap=512m
while (($#)); do
  case $1 in
    --hosts) sizes=$2; shift 2 ;;
    --latency-ms) latencies=$2; shift 2 ;;
    -f) forks=$2; shift 2 ;;
    --heap) heap=$2; shift 2 ;;
    *) echo "usage: $0 [--hosts \"1000 5000 10000\"] [--latency-ms \"0 50\"] [-f FORKS] [--heap 512m]" >&2; exit 2 ;;
  esac
done
capfleet=${CAPFLEET:-"$root/bin/capfleet"}
export CAPFLEET_JAR=${CAPFLEET_JAR:-$root/target/capfleet.jar}
[ -f "$CAPFLEET_JAR" ] || { echo "no $CAPFLEET_JAR: run mvn -B -DskipTests package first" >&2; exit 2; }
work=$(mktemp -d /tmp/capfleet-demo-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
trap 'exit 130' INT TERM

echo "# $(date -u '+%Y-%m-%dT%H:%M:%SZ') $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, kernel $(uname -r), $(java -version 2>&1 | head -1)"
echo "# heap -Xmx$heap, forks $forks, load $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%7s %10s %8s %9s %9s %8s %8s %9s %6s  %s\n' hosts latency_ms scan_s hosts/s wall_s cpu_s peak_MB live_MB rss_MB verdicts
for n in $sizes; do
  for lat in $latencies; do
    out=$work/out; rm -rf "$out"
    t0=$(date +%s%N)
    rc=0
    JAVA_OPTS="-Xmx$heap -Xlog:gc:file=$work/gc.log ${JAVA_OPTS:-}" /usr/bin/time -f '%U %S %M' -o "$work/time" \
      $capfleet demo --hosts "$n" --latency-ms "$lat" -f "$forks" --out "$out" --name demo --format json,xlsx \
      >"$work/demo.log" 2>&1 || rc=$?
    t1=$(date +%s%N)
    if [ "$rc" != 0 ] && [ "$rc" != 3 ] && [ "$rc" != 4 ]; then
      echo "# demo --hosts $n --latency-ms $lat failed (exit $rc):"; tail -5 "$work/demo.log"; continue
    fi
    read -r u s m < <(tail -1 "$work/time")
    read -r peak live < <(grep -oE '[0-9]+M->[0-9]+M\(' "$work/gc.log" | tr -d '(' |
      awk -F'->' '{b=$1+0; a=$2+0; if (b>p) p=b; if (a>l) l=a} END {print p+0, l+0}')
    python3 - "$out/demo.json" "$n" "$lat" "$t0" "$t1" "$u" "$s" "$peak" "$live" "$m" <<'PY'
import json, sys
f, n, lat, t0, t1, u, s, peak, live, rss = sys.argv[1:]
r = json.load(open(f))
scan = r["scan"]["millis"] / 1000
v = ",".join(f"{k[:1]}{k.split('_')[-1][:1] if '_' in k else ''}={c}" for k, c in r["summary"]["verdicts"].items() if c)
print(f"{n:>7} {lat:>10} {scan:8.1f} {int(n)/scan:9.0f} {(int(t1)-int(t0))/1e9:9.1f} {float(u)+float(s):8.1f} "
      f"{peak:>8} {live:>9} {int(rss)//1024:6d}  {v}")
PY
  done
done
echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg)"
