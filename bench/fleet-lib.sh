# Sourced by the bench scripts: a loopback fleet of real OpenSSH sshd hosts.
#
# fleet_start DIR N [FIRST_OCTET]   hosts 127.0.X.Y from 127.0.FIRST_OCTET.1 (default 60), port $FLEET_PORT;
#                                   one sshd process per 16 addresses (OpenSSH's ListenAddress limit)
# fleet_stop                        kills the sshd processes it started (by pid) and nothing else
# fleet_cpu_ticks                   CPU ticks (user+sys, children included) of the fleet's sshd processes
#
# Writes into DIR: id_ed25519 (client key), known_hosts, inventory.ini, hosts.txt, ssh_config for plain ssh.
# Logins go to $FLEET_USER (a non-root account with /bin/sh), so no login runs root's shell start-up files.

FLEET_PORT=${FLEET_PORT:-2222}
FLEET_USER=${FLEET_USER:-capfleet-audit}
FLEET_PIDS=()

fleet_addr() { # index (0-based), first octet -> 127.0.X.Y with Y in 1..250
  local i=$1 first=$2
  echo "127.0.$((first + i / 250)).$((1 + i % 250))"
}

fleet_ensure_user() {
  if ! id "$FLEET_USER" >/dev/null 2>&1; then
    useradd -m -s /bin/sh "$FLEET_USER"
  fi
  # '*' is "no password" (key logins allowed), unlike '!' which locks the account for sshd too
  usermod -p '*' "$FLEET_USER"
}

fleet_start() {
  local dir=$1 n=$2 first=${3:-60}
  local sshd_bin
  sshd_bin=$(command -v sshd || echo /usr/sbin/sshd)
  [ -x "$sshd_bin" ] || { echo "fleet: sshd not found (apt-get install -y openssh-server)" >&2; return 1; }
  [ "$(id -u)" = 0 ] || { echo "fleet: run as root (sshd must switch to $FLEET_USER)" >&2; return 1; }
  if (( n < 1 || first < 1 || first + (n - 1) / 250 > 127 )); then
    echo "fleet: $n hosts from 127.0.$first.1 do not fit below 127.0.127.255" >&2; return 1
  fi
  fleet_ensure_user
  mkdir -p "$dir/sshd" "/run/sshd"
  ssh-keygen -q -t ed25519 -N '' -C capfleet-bench -f "$dir/id_ed25519"
  install -d -m 755 "$dir/sshd/authorized_keys"
  install -m 644 "$dir/id_ed25519.pub" "$dir/sshd/authorized_keys/$FLEET_USER"
  : >"$dir/known_hosts"; : >"$dir/hosts.txt"
  {
    echo "[fleet]"
  } >"$dir/inventory.ini"
  local procs=$(( (n + 15) / 16 )) p i
  for ((p = 0; p < procs; p++)); do
    local key="$dir/sshd/host_$p"
    ssh-keygen -q -t ed25519 -N '' -C "bench-sshd-$p" -f "$key"
    local conf="$dir/sshd/sshd_config_$p"
    {
      for ((i = p * 16; i < n && i < (p + 1) * 16; i++)); do
        echo "ListenAddress $(fleet_addr "$i" "$first"):$FLEET_PORT"
      done
      cat <<CONF
HostKey $key
AuthorizedKeysFile $dir/sshd/authorized_keys/%u
StrictModes no
UsePAM no
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin no
UseDNS no
PrintMotd no
PrintLastLog no
X11Forwarding no
AllowTcpForwarding no
PidFile none
MaxStartups 1000
MaxSessions 10
LogLevel ERROR
CONF
    } >"$conf"
    local pub
    pub=$(cut -d' ' -f1,2 "$key.pub")
    for ((i = p * 16; i < n && i < (p + 1) * 16; i++)); do
      local a
      a=$(fleet_addr "$i" "$first")
      echo "[$a]:$FLEET_PORT $pub" >>"$dir/known_hosts"
      echo "$a" >>"$dir/hosts.txt"
      printf 'h%05d ansible_host=%s ansible_port=%s\n' "$i" "$a" "$FLEET_PORT" >>"$dir/inventory.ini"
    done
    "$sshd_bin" -D -f "$conf" -E "$dir/sshd/log_$p" &
    FLEET_PIDS+=("$!")
  done
  cat >>"$dir/inventory.ini" <<INI

[fleet:vars]
ansible_user=$FLEET_USER
ansible_ssh_private_key_file=$dir/id_ed25519
INI
  cat >"$dir/ssh_config" <<CFG
Host *
  User $FLEET_USER
  Port $FLEET_PORT
  IdentityFile $dir/id_ed25519
  IdentitiesOnly yes
  UserKnownHostsFile $dir/known_hosts
  GlobalKnownHostsFile /dev/null
  StrictHostKeyChecking yes
  BatchMode yes
  ControlMaster no
  ControlPath none
  ConnectTimeout 10
  LogLevel ERROR
CFG
  # wait until every address accepts connections (sshd binds in well under a second)
  local tries=0 a
  while read -r a; do
    until (exec 3<>"/dev/tcp/$a/$FLEET_PORT") 2>/dev/null; do
      tries=$((tries + 1))
      if ((tries > 200)); then echo "fleet: $a:$FLEET_PORT never listened" >&2; return 1; fi
      sleep 0.05
    done
  done <"$dir/hosts.txt"
}

fleet_stop() {
  local pid
  for pid in "${FLEET_PIDS[@]}"; do
    kill "$pid" 2>/dev/null
  done
  for pid in "${FLEET_PIDS[@]}"; do
    wait "$pid" 2>/dev/null
  done
  FLEET_PIDS=()
}

# user+system ticks of the listeners and their reaped connection processes (sshd waits for its children)
fleet_cpu_ticks() {
  local total=0 pid f
  for pid in "${FLEET_PIDS[@]}"; do
    if read -r -a f <"/proc/$pid/stat" 2>/dev/null; then
      # fields 14-17: utime stime cutime cstime (the command name holds no space here)
      total=$((total + f[13] + f[14] + f[15] + f[16]))
    fi
  done
  echo "$total"
}
