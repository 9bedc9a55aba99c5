/**
 * Test harness shared by the transport and scan tests: real OpenSSH servers on loopback.
 *
 * <ul>
 *   <li>{@link dev.capfleet.testing.RealSshd}: one {@code /usr/sbin/sshd -D -e} per test host, on
 *       its own address {@code 127.0.x.y} (a free port, or 22), with generated host keys, its own
 *       {@code authorized_keys}, optional {@code ForceCommand}, extra config lines and a private
 *       mount namespace for per-host mounts and file capabilities. Always in its own PID namespace,
 *       so stopping it leaves no session process behind. Use
 *       {@code @ExtendWith(RealSshd.StopAll.class)}.
 *   <li>{@link dev.capfleet.testing.SshKeys}: client and host keys from the real {@code ssh-keygen}
 *       (ed25519, ECDSA, RSA, encrypted), fingerprints as OpenSSH prints them, {@code ssh-keygen
 *       -H}.
 *   <li>{@link dev.capfleet.testing.Processes}: short helper commands, process-tree kill.
 * </ul>
 *
 * <p>Machine requirements: root, {@code openssh-server}, {@code util-linux} ({@code unshare}), and
 * {@code libcap2-bin} for {@code setcap} in namespace setups. Without sshd or root the tests are
 * skipped, or fail when {@code CI=true}. For non-root logins create {@value
 * dev.capfleet.testing.RealSshd#AUDIT_USER} with {@code useradd -m -s /bin/sh} and unlock it for
 * key logins with {@code usermod -p '*'} ({@code useradd} leaves it locked with {@code !}, which
 * sshd without PAM refuses); {@link dev.capfleet.testing.RealSshd#loginUser()} then picks it.
 *
 * <p>Nothing here reads {@code ~/.ssh} or {@code /etc/ssh}: tests pass every path.
 */
package dev.capfleet.testing;
