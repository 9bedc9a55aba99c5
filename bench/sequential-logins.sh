#!/usr/bin/env bash
# sshd's CPU per login, one login at a time, from OpenSSH's ssh and from capfleet's client (MINA SSHD), on one
# loopback OpenSSH sshd host: the minimal reproduction for "sshd spends more CPU with MINA's client".
#
#   sudo bench/sequential-logins.sh [-n LOGINS] [-r ROUNDS] [--probe]
#
# Both clients use curve25519-sha256, ssh-ed25519 and the same key; `--probe` runs capfleet's probe (script on
# standard input, as in a scan) instead of `true`. sshd's CPU is perf task-clock over the listener and every
# process it starts; the client's over the client's process tree (the JVM's start included).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
n=20 rounds=3 probe=
while (($#)); do
  case $1 in
    -n) n=$2; shift 2 ;;
    -r) rounds=$2; shift 2 ;;
    --probe) probe=$root/src/main/resources/dev/capfleet/probe/probe.sh; shift ;;
    *) echo "usage: $0 [-n LOGINS] [-r ROUNDS] [--probe]" >&2; exit 2 ;;
  esac
done
jar=${CAPFLEET_JAR:-$root/target/capfleet.jar}
[ -f "$jar" ] || { echo "no $jar: run mvn -B -DskipTests package first" >&2; exit 2; }
command -v perf >/dev/null || { echo "needs perf (apt-get install -y linux-perf)" >&2; exit 2; }
# shellcheck source=fleet-lib.sh
. "$here/fleet-lib.sh"
work=$(mktemp -d /tmp/capfleet-logins.XXXXXX)
chmod 755 "$work"
trap 'fleet_stop; rm -rf "$work"' EXIT
trap 'exit 130' INT TERM
fleet_start "$work" 1 90 >/dev/null
a=$(head -1 "$work/hosts.txt")
cmd=true
[ -n "$probe" ] && cmd="LC_ALL=C /bin/sh -s -- 0123456789abcdef /usr/local/bin/ecapture"
measure() { # label command...
  local label=$1 pp; shift
  perf stat -e task-clock -x, -o "$work/sshd.perf" -p "${FLEET_PIDS[0]}" >/dev/null 2>&1 &
  pp=$!
  sleep 0.3
  perf stat -e task-clock -x, -o "$work/client.perf" "$@" >/dev/null 2>"$work/err" || { cat "$work/err"; }
  sleep 0.2
  kill -INT "$pp"; wait "$pp" || true
  printf '%-8s %14.1f %16.1f   %s\n' "$label" \
    "$(awk -F, -v n="$n" '/task-clock/ {print $1 / n}' "$work/sshd.perf")" \
    "$(awk -F, -v n="$n" '/task-clock/ {print $1 / n}' "$work/client.perf")" "$(cut -d' ' -f1 /proc/loadavg)"
}
openssh() {
  for ((i = 0; i < n; i++)); do
    ssh -F "$work/ssh_config" -o KexAlgorithms=curve25519-sha256 "$a" "$cmd" <"${probe:-/dev/null}"
  done
}
echo "# $(date -u '+%Y-%m-%dT%H:%M:%SZ') $(nproc) cores, $n sequential logins running $([ -n "$probe" ] && echo the probe || echo true), load $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-8s %14s %16s   %s\n' client sshd_ms/login client_ms/login load
for ((r = 0; r < rounds; r++)); do
  measure openssh bash -c "$(declare -f openssh); $(declare -p n work a cmd probe); openssh"
  measure mina java -XX:TieredStopAtLevel=1 -cp "$jar" "$here/SequentialLogins.java" "$a" "$FLEET_PORT" "$n" \
    "$work/known_hosts" "$work/id_ed25519" "$FLEET_USER" "$cmd" ${probe:+"$probe"}
done
