#!/usr/bin/env bash
# Times capfleet against `xargs -P ssh`, parallel-ssh and Ansible `-m raw` on the same loopback fleet of real
# OpenSSH sshd hosts, in one run, and prints medians and ratios.
#
#   sudo bench/compare-openssh.sh [-n HOSTS] [-r ROUNDS] [-f FORKS] [--tools capfleet,xargs,pssh,ansible,bare]
#
# Every tool runs the same probe (src/main/resources/dev/capfleet/probe/probe.sh) once per host as
# `sh -s -- NONCE /usr/local/bin/ecapture` with the script on standard input; Ansible's raw module has no
# standard input, so it gets the script base64-encoded in the command line and decodes it into `sh -s` on the host.
# "bare" is xargs + ssh running `true` instead of the probe: sshd's own cost per login, the floor every tool pays.
# Rounds interleave the tools, so load changes hit all of them alike. Needs root, sshd, ssh; ansible and
# parallel-ssh are skipped when missing. CAPFLEET overrides how capfleet is started (default: bin/capfleet,
# the launcher, with $CAPFLEET_JAR or target/capfleet.jar); CAPFLEET_BEFORE="java -jar old.jar" adds a row
# "before" that runs another build the same way, for a before/after in one run; PROBE_BEFORE=old-probe.sh adds
# a row "oldprobe": xargs + ssh running that script instead, for a before/after of the probe itself.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
n=100 rounds=3 forks=50 tools=capfleet,xargs,pssh,ansible,bare first=60
while (($#)); do
  case $1 in
    -n) n=$2; shift 2 ;;
    -r) rounds=$2; shift 2 ;;
    -f) forks=$2; shift 2 ;;
    --tools) tools=$2; shift 2 ;;
    --first-octet) first=$2; shift 2 ;;
    *) echo "usage: $0 [-n HOSTS] [-r ROUNDS] [-f FORKS] [--tools LIST] [--first-octet X]" >&2; exit 2 ;;
  esac
done
capfleet=${CAPFLEET:-"$root/bin/capfleet"}
jar=${CAPFLEET_JAR:-$root/target/capfleet.jar}
[ -f "$jar" ] || { echo "no $jar: run mvn -B -DskipTests package first" >&2; exit 2; }
export CAPFLEET_JAR=$jar
probe=$root/src/main/resources/dev/capfleet/probe/probe.sh
binary=/usr/local/bin/ecapture

# shellcheck source=fleet-lib.sh
. "$here/fleet-lib.sh"
work=$(mktemp -d /tmp/capfleet-bench.XXXXXX)
chmod 755 "$work"
cleanup() { fleet_stop; if [ -n "${KEEP_WORK:-}" ]; then echo "# kept $work"; else rm -rf "$work"; fi; }
trap cleanup EXIT
trap 'exit 130' INT TERM

has() { command -v "$1" >/dev/null 2>&1; }
want() { [[ ",$tools," == *",$1,"* ]]; }
[ -n "${CAPFLEET_BEFORE:-}" ] && tools="$tools,before" # e.g. CAPFLEET_BEFORE="java -jar old.jar": a before/after
probe_before=${PROBE_BEFORE:-}
[ -n "$probe_before" ] && tools="$tools,oldprobe"
want ansible && ! has ansible && { echo "# ansible not installed: skipped (apt-get install -y ansible-core)"; tools=${tools//ansible/}; }
want pssh && ! has parallel-ssh && { echo "# parallel-ssh not installed: skipped (apt-get install -y pssh)"; tools=${tools//pssh/}; }

fleet_start "$work" "$n" "$first"
nonce=$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')
b64=$(base64 -w0 "$probe")
cfg=$work/ssh_config
hz=$(getconf CLK_TCK)
last=$(grep '^section ' "$probe" | tail -1 | awk '{print $2}') # a host counts when its output reached this

# each run_* prints "reached" (hosts whose probe output reached its last section) on stdout
run_capfleet() { scan_with "$capfleet" capfleet; }
run_before() { scan_with "$CAPFLEET_BEFORE" before; }
scan_with() { # launcher, label
  local out=$work/out-$2; rm -rf "$out"
  $1 scan -i "$work/inventory.ini" --known-hosts "$work/known_hosts" -f "$forks" --out "$out" \
    --name scan --format json >"$work/$2.log" 2>&1 || true
  python3 - "$out/scan.json" <<'PY'
import json, sys
try:
    hosts = json.load(open(sys.argv[1]))["hosts"]
except Exception:
    print(0); sys.exit()
print(sum(1 for h in hosts if h["verdict"] != "UNREACHABLE" and not h.get("error")))
PY
}
run_xargs() { xargs_probe "$probe" xargs; }
run_oldprobe() { xargs_probe "$probe_before" oldprobe; }
xargs_probe() { # script label
  local out=$work/out-$2; rm -rf "$out"; mkdir -p "$out"
  script=$1
  export cfg nonce binary script out
  xargs -P "$forks" -I{} sh -c 'ssh -F "$cfg" {} sh -s -- "$nonce" "$binary" <"$script" >"$out/{}" 2>&1' \
    <"$work/hosts.txt" || true
  grep -l "@@CAPFLEET $nonce end $last " "$out"/* 2>/dev/null | wc -l
}
run_bare() { # the floor: xargs + ssh logins that run `true` and no probe (sshd's own cost per connection)
  local out=$work/out-bare; rm -rf "$out"; mkdir -p "$out"
  export cfg out
  xargs -P "$forks" -I{} sh -c 'ssh -F "$cfg" {} true >"$out/{}" 2>&1 && echo ok >>"$out/{}"' \
    <"$work/hosts.txt" || true
  grep -lx ok "$out"/* 2>/dev/null | wc -l
}
run_pssh() {
  local out=$work/out-pssh; rm -rf "$out"
  parallel-ssh -h "$work/hosts.txt" -p "$forks" -t 60 -x "-F $cfg" -I -o "$out" \
    "sh -s -- $nonce $binary" <"$probe" >/dev/null 2>&1 || true
  grep -l "@@CAPFLEET $nonce end $last " "$out"/* 2>/dev/null | wc -l
}
run_ansible() {
  local out=$work/out-ansible; rm -rf "$out"; mkdir -p "$out"
  ANSIBLE_HOST_KEY_CHECKING=True ANSIBLE_SSH_ARGS="-F $cfg -o ControlMaster=no -o ControlPath=none" \
    ANSIBLE_LOCAL_TEMP="$work/ansible-tmp" ANSIBLE_NOCOLOR=1 ANSIBLE_LOAD_CALLBACK_PLUGINS=0 \
    ansible all -i "$work/inventory.ini" -m raw -f "$forks" \
      -a "echo $b64 | base64 -d | sh -s -- $nonce $binary" >"$out/all" 2>&1 || true
  grep -c "@@CAPFLEET $nonce end $last " "$out/all" || true
}


declare -A wall cpu_c cpu_s reached
# CPU in seconds. With perf: task-clock of every process the tool and the sshd listeners start (exact, and it
# counts processes nobody waits for). Without: rusage of reaped children, which misses some of sshd's.
if command -v perf >/dev/null 2>&1 && perf stat -e task-clock -x, -o /dev/null true 2>/dev/null; then
  cpu_how="perf task-clock"
else
  cpu_how="rusage (install linux-perf for exact figures)"
fi
self_ticks() { local f; read -r -a f <"/proc/$$/stat"; echo $((f[15] + f[16])); }
perf_secs() { awk -F, '/task-clock/ {printf "%.2f", $1 / 1000}' "$1"; }
time_one() { # tool -> appends wall, client CPU, sshd CPU and hosts reached
  local tool=$1 t0 t1 s0 s1 c0 c1 r pp=
  if [[ $cpu_how == perf* ]]; then
    perf stat -e task-clock -x, -o "$work/sshd.perf" -p "$(IFS=,; echo "${FLEET_PIDS[*]}")" >/dev/null 2>&1 &
    pp=$!
    sleep 0.3
  fi
  s0=$(fleet_cpu_ticks); c0=$(self_ticks); t0=$(date +%s%N)
  if [ -n "$pp" ]; then
    r=$(perf stat -e task-clock -x, -o "$work/client.perf" bash -c "$(declare -f "run_$tool" scan_with xargs_probe); $(declare -p \
      work forks nonce binary probe probe_before cfg b64 capfleet last); run_$tool" | tail -1)
  else
    r=$(run_"$tool" | tail -1)
  fi
  t1=$(date +%s%N); c1=$(self_ticks); s1=$(fleet_cpu_ticks)
  wall[$tool]+="$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.2f", (b-a)/1e9}') "
  if [ -n "$pp" ]; then
    kill -INT "$pp"; wait "$pp" || true
    cpu_c[$tool]+="$(perf_secs "$work/client.perf") "
    cpu_s[$tool]+="$(perf_secs "$work/sshd.perf") "
  else
    cpu_c[$tool]+="$(awk -v a="$c0" -v b="$c1" -v hz="$hz" 'BEGIN{printf "%.2f", (b-a)/hz}') "
    cpu_s[$tool]+="$(awk -v a="$s0" -v b="$s1" -v hz="$hz" 'BEGIN{printf "%.2f", (b-a)/hz}') "
  fi
  reached[$tool]+="${r:-0} "
}
median() { tr ' ' '\n' | { grep -v '^$' || true; } | sort -g | awk '{a[NR]=$1} END{print (NR%2)? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

echo "# $(date -u '+%Y-%m-%dT%H:%M:%SZ') $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, kernel $(uname -r)"
echo "# $n hosts on $(( (n + 15) / 16 )) sshd processes, forks $forks, $rounds rounds (+1 warm-up), load $(cut -d' ' -f1-3 /proc/loadavg)"
IFS=, read -r -a order <<<"$tools"
for tool in "${order[@]}"; do [ -n "$tool" ] && time_one "$tool"; done # warm-up (page cache, JIT-free parts)
for tool in "${order[@]}"; do [ -n "$tool" ] && { wall[$tool]=; cpu_c[$tool]=; cpu_s[$tool]=; reached[$tool]=; }; done
for ((r = 1; r <= rounds; r++)); do
  for tool in "${order[@]}"; do [ -n "$tool" ] && time_one "$tool"; done
done
echo "# CPU seconds by $cpu_how; sshd_cpu includes the probe's commands on the hosts"
echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-9s %8s %8s %11s %11s %9s %9s %8s  %s\n' tool wall_s vs_capf client_cpu sshd_cpu client_ms sshd_ms \
  reached "walls (s)"
base=$(echo "${wall[capfleet]:-}" | median 2>/dev/null || echo 0)
for tool in "${order[@]}"; do
  [ -n "$tool" ] || continue
  w=$(echo "${wall[$tool]}" | median)
  ratio=$(awk -v w="$w" -v b="$base" 'BEGIN{ if (b > 0) printf "%.2fx", w/b; else print "-" }')
  c=$(echo "${cpu_c[$tool]}" | median) s=$(echo "${cpu_s[$tool]}" | median)
  printf '%-9s %8s %8s %11s %11s %9s %9s %8s  %s\n' "$tool" "$w" "$ratio" "$c" "$s" \
    "$(awk -v c="$c" -v n="$n" 'BEGIN{printf "%.0f", c * 1000 / n}')" \
    "$(awk -v c="$s" -v n="$n" 'BEGIN{printf "%.0f", c * 1000 / n}')" "$(echo "${reached[$tool]}" | median)/$n" \
    "${wall[$tool]}"
done
# The targets of issue 14, from this one run: capfleet against xargs, capfleet's wall time against the floor the
# servers' own CPU sets (their CPU during capfleet's scan over the cores), and the probe's added server CPU.
cores=$(nproc)
median_of() { echo "${1:-}" | median 2>/dev/null || echo 0; }
if [ -n "${wall[capfleet]:-}" ]; then
  cw=$(median_of "${wall[capfleet]}") cs=$(median_of "${cpu_s[capfleet]}")
  [ -n "${wall[xargs]:-}" ] && awk -v c="$cw" -v x="$(median_of "${wall[xargs]}")" \
    'BEGIN{printf "# capfleet / xargs wall time: %.2fx (target <= 0.8x)\n", c / x}'
  awk -v w="$cw" -v s="$cs" -v k="$cores" \
    'BEGIN{printf "# capfleet wall / servers CPU floor (%.2f s / %d cores = %.2f s): %.2fx (target <= 1.15x)\n", s, k, s / k, w / (s / k)}'
fi
# The probe's added server CPU over the median rounds, and per round (the tools take turns within a round, so
# the login floor and the probe meet the same load) with the median of those rounds.
probe_added() { # label row suffix
  local p b rounds
  p=$(median_of "${cpu_s[$2]}") b=$(median_of "${cpu_s[bare]}")
  awk -v l="$1" -v p="$p" -v b="$b" -v s="$3" \
    'BEGIN{printf "# %s / bare login: (%.2f - %.2f) / %.2f = %.0f%%%s\n", l, p, b, b, (p - b) * 100 / b, s}'
  rounds=$(awk -v p="${cpu_s[$2]}" -v b="${cpu_s[bare]}" \
    'BEGIN{n = split(p, P, " "); split(b, B, " "); for (i = 1; i <= n; i++) printf "%f ", (P[i] - B[i]) * 100 / B[i]}')
  echo "# the same per round: $(awk '{for (i = 1; i <= NF; i++) printf "%.0f%% ", $i}' <<<"$rounds")|" \
    "$(echo "$rounds" | median | awk '{printf "%.0f%%", $1}') (median of the rounds)"
}
if [ -n "${cpu_s[bare]:-}" ] && [ -n "${cpu_s[xargs]:-}" ]; then
  for tool in xargs oldprobe bare; do
    if [ -n "${cpu_s[$tool]:-}" ]; then echo "# sshd CPU per round (s), $tool: ${cpu_s[$tool]}"; fi
  done
  probe_added "probe added server CPU (xargs probe - bare login)" xargs " (target <= 30%)"
  if [ -n "${cpu_s[oldprobe]:-}" ]; then
    probe_added "the same for PROBE_BEFORE (oldprobe - bare login)" oldprobe ""
  fi
fi
