#!/bin/sh
# CPU of one probe run, alone: the probe script run by a shell as a non-root account, against the same shell
# running `true` (the floor: runuser's and the shell's own start), and optionally an older probe script.
#
#   sudo bench/probe-cpu.sh [-r ROUNDS] [-s "dash bash busybox"] [-b OLD_PROBE.sh] [-u ACCOUNT] [-x BINARY]
#
# CPU is perf's task-clock over everything a run starts; each round runs every variant 20 times in turn
# (`perf stat -r 20`), so that load changes hit them alike, and the table gives the median round, the lowest
# and the highest, in milliseconds per run. The binary probed is /usr/bin/ls (exists, no capabilities) unless -x
# names another (an absent path shows the probe of a host without eCapture).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
probe=$here/../src/main/resources/dev/capfleet/probe/probe.sh
rounds=10 shells=dash old= account=capfleet-audit binary=/usr/bin/ls
while [ $# -gt 0 ]; do
  case $1 in
    -r) rounds=$2; shift 2 ;;
    -s) shells=$2; shift 2 ;;
    -b) old=$2; shift 2 ;;
    -u) account=$2; shift 2 ;;
    -x) binary=$2; shift 2 ;;
    *) echo "usage: $0 [-r ROUNDS] [-s SHELLS] [-b OLD_PROBE] [-u ACCOUNT] [-x BINARY]" >&2; exit 2 ;;
  esac
done
[ "$(id -u)" = 0 ] || { echo "run as root (runuser)" >&2; exit 2; }
command -v perf >/dev/null || { echo "needs perf (apt-get install -y linux-perf)" >&2; exit 2; }
id "$account" >/dev/null 2>&1 || useradd -M -s /bin/sh "$account"
work=$(mktemp -d /tmp/capfleet-probe-cpu.XXXXXX)
trap 'rm -rf "$work"' EXIT
chmod 755 "$work"
cp "$probe" "$work/new.sh"
[ -z "$old" ] || cp "$old" "$work/old.sh"
chmod 644 "$work"/*.sh

sh_cmd() { # shell -> argv words
  case $1 in busybox) echo "busybox sh" ;; *) echo "$1" ;; esac
}
ms() { # command -> task-clock ms per run, averaged over 20 runs
  perf stat -r 20 -e task-clock -x, sh -c "$1" 2>&1 >/dev/null | awk -F, '/task-clock/ {printf "%.2f\n", $1}'
}
echo "# $(date -u '+%Y-%m-%dT%H:%M:%SZ') $(nproc) cores, kernel $(uname -r), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "# ms of CPU per run (perf task-clock), $rounds rounds of 20 runs, as $account, binary $binary"
printf '%-8s %-6s %8s %8s %8s %10s\n' shell script median min max "added"
for shell in $shells; do
  s=$(sh_cmd "$shell")
  variants="true new"
  [ -z "$old" ] || variants="$variants old"
  i=0
  while [ "$i" -lt "$rounds" ]; do
    for v in $variants; do
      if [ "$v" = true ]; then
        ms "runuser -u $account -- $s -c true" >>"$work/$shell.$v"
      else
        ms "runuser -u $account -- $s -s -- 0123456789abcdef $binary <$work/$v.sh" >>"$work/$shell.$v"
      fi
    done
    i=$((i + 1))
  done
  floor=$(sort -g "$work/$shell.true" | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}')
  for v in $variants; do
    sort -g "$work/$shell.$v" | awk -v s="$shell" -v v="$v" -v f="$floor" '{a[NR]=$1} END{m=a[int((NR+1)/2)];
      printf "%-8s %-6s %8.2f %8.2f %8.2f %10s\n", s, v, m, a[1], a[NR], (v == "true") ? "-" : sprintf("%.2f", m - f)}'
  done
done
echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg)"
