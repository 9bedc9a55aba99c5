/**
 * Transport: run one command on one host and get an {@link dev.capfleet.transport.ExecOutcome}
 * back, over SSH ({@link dev.capfleet.transport.SshExecutor}) or on this machine ({@link
 * dev.capfleet.transport.LocalExecutor}). The only package that imports Apache MINA SSHD. The
 * OpenSSH client configuration is read here too ({@link dev.capfleet.transport.SshConfig}), never
 * running a command from it.
 *
 * <p>Trust: host keys are checked against one known_hosts file (plain and hashed entries, {@code
 * [host]:port}, {@code @revoked}; {@code @cert-authority} lines are ignored because host
 * certificates are not supported). The host name is matched exactly as the inventory gives it, as
 * OpenSSH does with {@code CheckHostIP no}. Unknown keys are refused unless {@code
 * acceptNewHostKeys}, which appends them (hashed); a host for which known_hosts holds any other key
 * is HOST_KEY_CHANGED and never accepted, not even a key of a new type.
 *
 * <p>Authentication is public-key only (files in OpenSSH or PEM format, ed25519, ECDSA, RSA,
 * encrypted with one passphrase; or an ssh-agent). A target's own key replaces the default identity
 * files; the agent, when set, is offered as well. Agent forwarding is never offered.
 *
 * <p>Limits: the caller bounds concurrency (the scan's forks): {@code run} starts at once, and its
 * host deadline runs from the call, so queueing thousands of runs on a small machine makes them
 * time out together.
 *
 * <p>ProxyJump uses MINA's own jump support, with each hop checked strictly against known_hosts and
 * the connect timeout applied per hop. MINA carries each further hop through a local port
 * forwarding bound to an ephemeral port on 127.0.0.1 of the auditing machine for the life of the
 * connection; another local user could open connections through the jump host to the target's SSH
 * port meanwhile.
 *
 * <p>Imports: Apache MINA SSHD and core (host text); no other stage.
 */
package dev.capfleet.transport;
