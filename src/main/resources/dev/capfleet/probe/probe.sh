# capfleet probe: read-only facts for the eCapture requirement model.
# Usage: sh -s -- NONCE BINARY < probe.sh
# POSIX sh (bash, dash, busybox ash). It writes nothing on the host and starts no daemon. Every command reads
# /dev/null, never this script's standard input, and each section is framed by markers that carry the nonce, so
# that nothing a file contains can end a section early.
N=$1
BIN=$2
LC_ALL=C
export LC_ALL
# getcap and capsh live in /usr/sbin or /sbin, which a non-root account's PATH often lacks.
PATH="${PATH:-/usr/bin:/bin}:/usr/sbin:/sbin:/usr/bin:/bin"
export PATH

begin() { printf '@@CAPFLEET %s begin %s\n' "$N" "$1"; }
end() { printf '\n@@CAPFLEET %s end %s %s\n' "$N" "$1" "$2"; }

# section NAME COMMAND [ARG...]: run one command, record its output and exit status.
section() {
  s_name=$1
  shift
  begin "$s_name"
  "$@" </dev/null 2>&1
  s_rc=$?
  end "$s_name" "$s_rc"
}

# tool NAME: the path of a tool, looked up in PATH (which now includes the sbin folders).
tool() {
  command -v "$1" 2>/dev/null
}

# with_tool NAME ARG...: run a tool that may be missing; a missing tool is exit 127 with a plain message.
with_tool() {
  w_path=$(tool "$1")
  if [ -z "$w_path" ]; then
    echo "capfleet: $1 not found"
    return 127
  fi
  shift
  "$w_path" "$@"
}

read_file() {
  if [ -r "$1" ]; then
    cat "$1"
  elif [ -e "$1" ]; then
    echo "capfleet: $1 not readable"
    return 126
  else
    echo "capfleet: $1 absent"
    return 2
  fi
}

container_hints() {
  [ -e /.dockerenv ] && echo "file /.dockerenv"
  [ -e /run/.containerenv ] && echo "file /run/.containerenv"
  [ -r /run/systemd/container ] && echo "systemd $(cat /run/systemd/container)"
  echo "cgroup:"
  cat /proc/1/cgroup 2>/dev/null
  return 0
}

btf() {
  if [ -e /sys/kernel/btf/vmlinux ]; then echo present; else echo absent; fi
}

memlock() {
  ulimit -H -l
}

printf '@@CAPFLEET %s probe 1\n' "$N"
section uname uname -srm
section version_signature read_file /proc/version_signature
section proc_version read_file /proc/version
section id id
section stat stat -L -c '%a|%U|%G|%u|%g|%F' "$BIN"
section realpath readlink -f "$BIN"
section getcap with_tool getcap "$BIN"
section findmnt with_tool findmnt -n -o TARGET,FSTYPE,OPTIONS -T "$BIN"
section capsh with_tool capsh --print
section status grep -E '^(Cap(Inh|Prm|Eff|Bnd|Amb)|NoNewPrivs|Seccomp):' /proc/self/status
section mounts read_file /proc/mounts
section lockdown read_file /sys/kernel/security/lockdown
section btf btf
section unprivileged_bpf_disabled read_file /proc/sys/kernel/unprivileged_bpf_disabled
section perf_event_paranoid read_file /proc/sys/kernel/perf_event_paranoid
section memlock memlock
section container container_hints
section uprobe_pmu read_file /sys/bus/event_source/devices/uprobe/type
section uid_map read_file /proc/self/uid_map
section cap_last_cap read_file /proc/sys/kernel/cap_last_cap
section limits read_file /proc/self/limits
section cmdline grep -o -E '(^| )lockdown=[a-z]+' /proc/cmdline
printf '@@CAPFLEET %s done\n' "$N"
