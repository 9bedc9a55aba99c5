# capfleet probe: read-only facts for the eCapture requirement model.
# Usage: sh -s -- NONCE BINARY < probe.sh
# POSIX sh (bash, dash, busybox ash). It writes nothing on the host and starts no daemon. Every command reads
# /dev/null, never this script's standard input, and each section is framed by markers that carry the nonce, so
# that nothing a file contains can end a section early.
# Footprint: the script runs on production hosts at every scan, so it starts only grep, stat, getcap and capsh;
# the rest is the shell's own builtins (read, printf, test, cd, ulimit). The files under /proc and /sys are read
# by that one grep (read_files): dash and busybox read one byte per read(2), which cost more than the grep. stat
# and getcap do not run where the binary is absent; uname runs on kernels before 6.1, readlink when the binary
# is a symlink, id when capsh cannot name the account.
# Command substitution is avoided otherwise: it forks.
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

# print_lines PATH: the file's lines as cat prints them, read by the read builtin (IFS= read -r: blanks and
# backslashes kept; NUL bytes are dropped, by dash, bash and busybox alike). A last line without newline is left
# in p_line, unprinted; p_any tells whether a whole line was printed. Fails, silently, only when the file cannot
# be opened.
print_lines() {
  p_line=
  p_any=
  { while IFS= read -r p_line; do printf '%s\n' "$p_line"; p_any=1; done <"$1"; } 2>/dev/null || return 1
  return 0
}

# read_file PATH: the file's contents; "absent" (exit 2) and "not readable" (exit 126) are told apart. When no
# whole line was read, cat reads the file instead: dash and busybox read one byte per read(2), and the numeric
# sysctls (proc_dointvec) answer a read at a non-zero offset with end-of-file, so they would show "4" of "40";
# an empty file and a read error at the first byte (EIO), which read cannot tell from the end of a file, get
# cat's output and exit status as before. These choices are pinned by ReadFileGoldenTest. read_files uses it
# for the files grep is not given, and for all of them where grep is missing.
read_file() {
  if [ ! -e "$1" ]; then
    echo "capfleet: $1 absent"
    return 2
  fi
  if [ -d "$1" ] || [ ! -r "$1" ] || ! print_lines "$1"; then
    echo "capfleet: $1 not readable"
    return 126
  fi
  if [ -z "$p_any" ]; then
    cat "$1"
  else
    printf '%s' "$p_line"
  fi
}

# read_files NAME PATH [NAME PATH]...: one section per file, as read_file would print it, from one grep: the
# section "files" holds a line "paths NAME=PATH..." and then grep's output, every line prefixed with its path
# (so that no file's text can look like a marker) and grep's own "grep: PATH: why" for a file it could not
# read, which the scanner splits back into the named sections (FileSections). A file that is absent, not a
# regular file or not readable gets read_file's section at once. The paths are this script's own constants:
# plain words, split on purpose. ReadFilesGoldenTest pins where this differs from read_file.
read_files() {
  f_map=
  f_args=
  while [ $# -gt 1 ]; do
    if [ -f "$2" ] && [ -r "$2" ]; then
      f_map="$f_map $1=$2"
      f_args="$f_args $2"
    else
      section "$1" read_file "$2"
    fi
    shift 2
  done
  [ -n "$f_args" ] || return 0
  set -f
  if command -v grep >/dev/null 2>&1; then
    begin files
    printf 'paths%s\n' "$f_map"
    grep -a -H '' $f_args </dev/null 2>&1
    f_rc=$?
    end files "$f_rc"
  else
    for f_pair in $f_map; do
      section "${f_pair%%=*}" read_file "${f_pair#*=}"
    done
  fi
  set +f
}

# kernel: what `uname -srm` prints, from the uts sysctls (kernel.arch exists since Linux 6.1), else uname.
kernel() {
  if { read -r k_s </proc/sys/kernel/ostype && read -r k_r </proc/sys/kernel/osrelease \
    && read -r k_m </proc/sys/kernel/arch; } 2>/dev/null; then
    printf '%s %s %s\n' "$k_s" "$k_r" "$k_m"
  else
    uname -srm
  fi
}

# real_path PATH: what `readlink -f` prints, by cd -P and $PWD in this shell; readlink runs only when the last
# component is itself a symlink (or . or ..), which the builtins cannot resolve.
real_path() {
  case $1 in
    */ | */. | */.. | */*/../*) readlink -f "$1"; return ;;
  esac
  if [ -L "$1" ]; then
    readlink -f "$1"
    return
  fi
  r_back=$PWD
  cd -P -- "${1%/*}/" 2>/dev/null || return 1
  printf '%s/%s\n' "${PWD%/}" "${1##*/}"
  cd -- "$r_back" 2>/dev/null
  return 0
}

# lockdown_args FILE: what `grep -o -E '(^| )lockdown=[a-z]+' FILE` prints for a one-line file (only that token of
# the kernel command line is recorded), by word splitting with globbing off; exit 1 when there is none.
lockdown_args() {
  l_line=
  if ! { IFS= read -r l_line <"$1"; } 2>/dev/null && [ -z "$l_line" ]; then
    if [ -r "$1" ]; then return 1; fi
    echo "capfleet: $1 not readable"
    return 2
  fi
  l_rc=1
  l_first=1
  set -f
  for l_word in $l_line; do
    case $l_word in
      lockdown=[a-z]*)
        l_mode=${l_word#lockdown=}
        l_mode=${l_mode%%[!a-z]*}
        case $l_first$l_line in
          1" "* | 0*) printf ' lockdown=%s\n' "$l_mode" ;;
          *) printf 'lockdown=%s\n' "$l_mode" ;;
        esac
        l_rc=0
        ;;
    esac
    l_first=0
  done
  set +f
  return $l_rc
}

container_hints() {
  [ -e /.dockerenv ] && echo "file /.dockerenv"
  [ -e /run/.containerenv ] && echo "file /run/.containerenv"
  if [ -r /run/systemd/container ] && { read -r c_kind </run/systemd/container; } 2>/dev/null; then
    echo "systemd $c_kind"
  fi
  echo "cgroup:"
  print_lines /proc/1/cgroup && printf '%s' "$p_line"
  return 0
}

btf() {
  if [ -e /sys/kernel/btf/vmlinux ]; then echo present; else echo absent; fi
}

memlock() {
  ulimit -H -l
}

# capsh --print runs once, early: its output is the capsh section, and its uid= and gid= lines (names through
# NSS, as id names them) answer the id section; id runs only where capsh is missing or names nobody.
caps_print() {
  if command -v capsh >/dev/null 2>&1; then
    cs_out=$(exec capsh --print </dev/null 2>&1) # exec: bash would fork once more
    cs_rc=$?
  else
    cs_out="capfleet: capsh not found"
    cs_rc=127
  fi
}

capsh_section() {
  [ -z "$cs_out" ] || printf '%s\n' "$cs_out"
  return "$cs_rc"
}

# account: id's first two words (uid=N(name) gid=N(group)), from capsh's lines; id itself otherwise.
account() {
  a_uid=
  a_gid=
  if [ "$cs_rc" = 0 ]; then
    a_ifs=$IFS
    IFS='
'
    set -f
    # capsh's output split into lines (not matched as a pattern: that is quadratic in dash)
    for a_line in $cs_out; do
      case $a_line in
        uid=*) a_uid=${a_line%% *} ;;
        gid=*) a_gid=${a_line%% *} ;;
      esac
    done
    set +f
    IFS=$a_ifs
  fi
  # a uid or gid without a name is "(???)" in capsh: id prints it without one, as before
  case $a_uid in uid=[0-9]*"("?*")") ;; *) id; return ;; esac
  case $a_gid in gid=[0-9]*"("?*")") ;; *) id; return ;; esac
  case $a_uid$a_gid in *"(???)"*) id; return ;; esac
  printf '%s %s\n' "$a_uid" "$a_gid"
}

# look_for_binary: the binary is absent when nothing, not even a dangling symlink, is at its path in a folder
# this account may search: stat and getcap would only say so, so they are not started (most hosts of a
# readiness check do not have the binary yet). Anything else (a folder it may not search, a symlink loop) goes
# to stat and getcap. It runs where the stat section stands: a test of a path on a dead network mount hangs
# as stat would, after the other sections.
look_for_binary() {
  if [ ! -e "$BIN" ] && [ ! -L "$BIN" ] && [ -x "${BIN%/*}/" ]; then
    b_absent=1
  else
    b_absent=
  fi
}

binary_stat() {
  if [ -n "$b_absent" ]; then
    echo "capfleet: $BIN absent"
    return 2
  fi
  stat -L -c '%a|%U|%G|%u|%g|%F' "$BIN"
}

binary_caps() {
  if ! command -v getcap >/dev/null 2>&1; then
    echo "capfleet: getcap not found"
    return 127
  fi
  if [ -n "$b_absent" ]; then
    echo "capfleet: $BIN absent"
    return 2
  fi
  getcap "$BIN"
}

printf '@@CAPFLEET %s probe 1\n' "$N"
section uname kernel
# before the binary is looked at: a binary on a dead network mount may hang that, and these are answered by then
read_files version_signature /proc/version_signature proc_version /proc/version \
  lockdown /sys/kernel/security/lockdown unprivileged_bpf_disabled /proc/sys/kernel/unprivileged_bpf_disabled \
  perf_event_paranoid /proc/sys/kernel/perf_event_paranoid cap_last_cap /proc/sys/kernel/cap_last_cap \
  uprobe_pmu /sys/bus/event_source/devices/uprobe/type uid_map /proc/self/uid_map limits /proc/self/limits \
  status /proc/self/status mounts /proc/mounts
caps_print
section id account
look_for_binary
section stat binary_stat
section realpath real_path "$BIN"
section getcap binary_caps
section capsh capsh_section
section btf btf
section memlock memlock
section container container_hints
section cmdline lockdown_args /proc/cmdline
printf '@@CAPFLEET %s done\n' "$N"
