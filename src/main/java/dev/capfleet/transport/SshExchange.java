package dev.capfleet.transport;

import dev.capfleet.transport.ExecOutcome.Status;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.config.hosts.HostConfigEntry;
import org.apache.sshd.client.future.AuthFuture;
import org.apache.sshd.client.future.ConnectFuture;
import org.apache.sshd.client.future.OpenFuture;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.channel.StreamingChannel;
import org.apache.sshd.common.io.IoOutputStream;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;

/**
 * One command on one host, driven by MINA's future listeners instead of a waiting thread: connect,
 * handshake (with {@link HostKeyCheck}), authenticate, exec, collect, close. Every path ends in
 * exactly one {@link ExecOutcome}; timers end it when the host stops answering.
 */
final class SshExchange {
  /** Travels in the connect context so {@link SessionSetup} finds the exchange of each session. */
  static final AttributeKey<SshExchange> KEY = new AttributeKey<>();

  private enum Phase {
    CONNECT,
    AUTH,
    EXEC
  }

  private record HostKeyFailure(Hop hop, HostKeyVerdict verdict) {}

  private final ClientContext ctx;
  private final SshTarget target;
  private final String command;
  private final byte[] stdin;
  private final ExecLimits limits;
  private final List<Hop> hops = new ArrayList<>();
  private final CompletableFuture<ExecOutcome> result = new CompletableFuture<>();
  private final long startNanos = System.nanoTime();
  private final AtomicInteger nextHop = new AtomicInteger();
  private final Map<ClientSession, Hop> sessions = new ConcurrentHashMap<>();

  // guarded by this
  private Phase phase = Phase.CONNECT;
  private Hop currentHop;
  private boolean hopConnected;
  private ScheduledFuture<?> phaseTimer;
  private int timerGeneration;
  private ScheduledFuture<?> deadlineTimer;
  private HostKeyFailure hostKeyFailure;
  private String fingerprint;
  private ConnectFuture connectFuture;
  private ClientSession session;
  private ChannelExec channel;
  private StreamCollector out;
  private StreamCollector err;
  private List<KeyPair> keys = List.of();
  private List<IdentityFiles.Loaded> identityFiles = List.of();

  SshExchange(
      ClientContext ctx, SshTarget target, String command, byte[] stdin, ExecLimits limits) {
    this.ctx = ctx;
    this.target = target;
    this.command = command;
    this.stdin = stdin == null ? new byte[0] : stdin;
    this.limits = limits;
    String user = userOf(target.user());
    for (SshTarget.Jump j : target.jumps()) {
      hops.add(Hop.of(j, j.user() == null ? user : j.user(), target));
    }
    hops.add(Hop.of(target, user));
    currentHop = hops.get(0);
  }

  CompletableFuture<ExecOutcome> start() {
    synchronized (this) {
      deadlineTimer = schedule(limits.hostDeadline(), this::onDeadline);
      armPhaseTimer(limits.connectTimeout());
    }
    ctx.starter().execute(guarded(this::connect));
    return result;
  }

  // ---- connect ---------------------------------------------------------------------------------

  private void connect() throws IOException {
    if (result.isDone()) {
      return;
    }
    identityFiles =
        target.privateKey() != null
            ? List.of(ctx.identities().load(target.privateKey()))
            : ctx.identities().loadAll(ctx.settings().identityFiles());
    keys =
        identityFiles.stream().flatMap(l -> l.keys().stream()).collect(Collectors.toList());
    if (keys.isEmpty() && !ctx.agent()) {
      finish(Status.AUTH_FAILED, null, "no usable key for " + hops.get(hops.size() - 1).label()
          + ": " + identityProblems("no private key given and no ssh-agent"));
      return;
    }
    Hop first = hops.get(0);
    String firstIp;
    try {
      firstIp = InetAddress.getByName(first.address()).getHostAddress();
    } catch (UnknownHostException e) {
      finish(Status.UNRESOLVED, null, "cannot resolve " + first.label());
      return;
    }
    HostConfigEntry entry;
    if (hops.size() == 1) {
      entry = new HostConfigEntry(target.address(), firstIp, target.port(), first.user());
    } else {
      entry =
          new HostConfigEntry(
              target.address(), target.address(), target.port(), hops.get(hops.size() - 1).user());
      entry.setProxyJump(proxyJump(firstIp));
    }
    ConnectFuture f =
        ctx.client().connect(entry, AttributeRepository.ofKeyValuePair(KEY, this), null);
    synchronized (this) {
      connectFuture = f;
    }
    f.addListener(this::onConnected);
  }

  private String proxyJump(String firstIp) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < hops.size() - 1; i++) {
      Hop h = hops.get(i);
      String host = i == 0 ? firstIp : h.address();
      sb.append(i == 0 ? "" : ",").append(h.user()).append('@');
      sb.append(host.indexOf(':') >= 0 ? "[" + host + "]" : host).append(':').append(h.port());
    }
    return sb.toString();
  }

  /** Called by {@link SessionSetup} when MINA creates the session of the next hop. */
  void onSessionCreated(ClientSession s) {
    int i = nextHop.getAndIncrement();
    if (i >= hops.size() || result.isDone()) {
      s.close(true);
      return;
    }
    Hop hop = hops.get(i);
    sessions.put(s, hop);
    s.setServerKeyVerifier(
        new HostKeyCheck(
            ctx.knownHosts(), hop, ctx.settings().acceptNewHostKeys(), this::onHostKeyVerdict));
    s.setSignatureFactories(
        HostKeyAlgorithms.preferring(
            s.getSignatureFactories(), ctx.knownHosts().keyTypes(hop.address(), hop.port())));
    List<KeyPair> ids = keys;
    s.setKeyIdentityProvider(context -> ids);
    synchronized (this) {
      currentHop = hop;
      hopConnected = true;
      armPhaseTimer(limits.connectTimeout());
    }
  }

  /** Called by {@link SessionSetup} after a key exchange of any hop's session. */
  void onKexCompleted(ClientSession s) {
    Hop hop = sessions.get(s);
    synchronized (this) {
      if (hop != null && hop.target() && phase == Phase.CONNECT) {
        phase = Phase.AUTH;
        armPhaseTimer(limits.authTimeout());
      }
    }
  }

  private void onHostKeyVerdict(Hop hop, HostKeyVerdict verdict) {
    synchronized (this) {
      if (hop.target()) {
        fingerprint = verdict.offered();
      }
      if (verdict.accepted() || hostKeyFailure != null) {
        return;
      }
      hostKeyFailure = new HostKeyFailure(hop, verdict);
    }
    failHostKey(hop, verdict);
  }

  private void onConnected(ConnectFuture f) {
    guarded(
            () -> {
              if (!f.isConnected()) {
                fail(f.getException());
                return;
              }
              ClientSession s = f.getClientSession();
              synchronized (this) {
                session = s;
              }
              if (result.isDone()) {
                s.close(true);
                return;
              }
              s.auth().addListener(this::onAuthDone);
            })
        .run();
  }

  // ---- authenticate and run --------------------------------------------------------------------

  private void onAuthDone(AuthFuture f) {
    guarded(
            () -> {
              if (!f.isSuccess()) {
                fail(f.getException());
                return;
              }
              ChannelExec ch;
              synchronized (this) {
                if (result.isDone()) {
                  return;
                }
                phase = Phase.EXEC;
                armPhaseTimer(limits.commandTimeout());
                ch = session.createExecChannel(command);
                ch.setStreaming(StreamingChannel.Streaming.Async);
                channel = ch;
              }
              ch.open().addListener(this::onOpened);
            })
        .run();
  }

  private void onOpened(OpenFuture f) {
    guarded(
            () -> {
              if (!f.isOpened()) {
                finish(
                    Status.ERROR,
                    null,
                    "server refused to run a command on " + hopLabel() + ": "
                        + ConnectFailures.reason(f.getException()));
                return;
              }
              ChannelExec ch;
              synchronized (this) {
                ch = channel;
                out = new StreamCollector(ch.getAsyncOut(), limits.maxOutputBytes(), this::onCap);
                err = new StreamCollector(ch.getAsyncErr(), ExecLimits.STDERR_CAP, null);
              }
              out.start();
              err.start();
              sendStdin(ch.getAsyncIn());
              ch.addCloseFutureListener(
                  c -> CompletableFuture.allOf(out.done(), err.done()).thenRun(this::onClosed));
            })
        .run();
  }

  /** Writes stdin, then closes it so the command sees EOF; a command that ignores it is fine. */
  private void sendStdin(IoOutputStream in) throws IOException {
    if (stdin.length == 0) {
      in.close(false);
      return;
    }
    in.writeBuffer(new ByteArrayBuffer(stdin)).addListener(w -> in.close(false));
  }

  private void onCap() {
    finish(
        Status.OUTPUT_LIMIT,
        null,
        "standard output of " + hopLabel() + " passed " + limits.maxOutputBytes()
            + " bytes; the command was closed");
  }

  private void onClosed() {
    ChannelExec ch;
    synchronized (this) {
      ch = channel;
    }
    Integer exit = ch.getExitStatus();
    String signal = ch.getExitSignal();
    if (exit != null) {
      finish(Status.OK, exit, "");
    } else if (signal != null) {
      finish(Status.OK, null, "command on " + hopLabel() + " was killed by signal " + signal);
    } else {
      finish(
          Status.DISCONNECTED,
          null,
          "connection to " + hopLabel() + " closed before the command reported an exit status");
    }
  }

  // ---- failures and timeouts -------------------------------------------------------------------

  private void fail(Throwable t) {
    HostKeyFailure hk;
    Phase p;
    boolean connected;
    synchronized (this) {
      hk = hostKeyFailure;
      p = phase;
      connected = hopConnected;
    }
    if (hk != null) {
      failHostKey(hk.hop(), hk.verdict());
      return;
    }
    String where = hopLabel();
    switch (p) {
      case CONNECT:
        if (!connected) {
          Status s = ConnectFailures.status(t);
          finish(s, null, ConnectFailures.describe(s, where, t));
        } else if (ConnectFailures.reason(t).toLowerCase(java.util.Locale.ROOT)
            .contains("authentication")) {
          finish(Status.AUTH_FAILED, null, authFailure(where, t)); // a jump host refused us
        } else {
          finish(
              Status.HANDSHAKE_FAILED,
              null,
              "SSH handshake with " + where + " failed: " + ConnectFailures.reason(t));
        }
        break;
      case AUTH:
        finish(Status.AUTH_FAILED, null, authFailure(where, t));
        break;
      default:
        finish(
            Status.DISCONNECTED,
            null,
            "connection to " + where + " lost: " + ConnectFailures.reason(t));
    }
  }

  private String authFailure(String where, Throwable t) {
    String offered =
        keys.stream()
            .map(k -> Fingerprints.describe(k.getPublic()))
            .collect(Collectors.joining(", "));
    StringBuilder sb = new StringBuilder("authentication failed for ");
    sb.append(hops.get(hops.size() - 1).user()).append(" on ").append(where).append(": ");
    sb.append(offered.isEmpty() ? "no key of ours" : "none of our keys (" + offered + ")");
    sb.append(ctx.agent() ? " nor the ssh-agent's keys" : "").append(" accepted");
    String problems = identityProblems(null);
    if (problems != null) {
      sb.append("; ").append(problems);
    }
    return sb.toString();
  }

  private String identityProblems(String fallback) {
    String problems =
        identityFiles.stream()
            .map(IdentityFiles.Loaded::problem)
            .filter(p -> p != null)
            .collect(Collectors.joining("; "));
    return problems.isEmpty() ? fallback : problems;
  }

  private void failHostKey(Hop hop, HostKeyVerdict v) {
    String file = ctx.knownHosts().file().toString();
    String who = "host key for " + hop.label();
    switch (v.kind()) {
      case CHANGED:
        finish(
            Status.HOST_KEY_CHANGED,
            null,
            "HOST KEY CHANGED: " + who + " is " + v.offered() + " but " + v.detail() + " in "
                + file + "; possible man-in-the-middle, not accepted");
        break;
      case REVOKED:
        finish(
            Status.HOST_KEY_REVOKED,
            null,
            who + " " + v.offered() + " is " + v.detail() + " of known_hosts " + file);
        break;
      default:
        finish(
            Status.HOST_KEY_UNKNOWN,
            null,
            who + " is not in known_hosts " + file + "; offered " + v.offered()
                + (v.detail().isEmpty() ? "" : " (" + v.detail() + ")"));
    }
  }

  private void onPhaseTimeout(Phase p) {
    Duration limit;
    String text;
    boolean connected;
    synchronized (this) {
      connected = hopConnected;
    }
    String where = hopLabel();
    switch (p) {
      case CONNECT:
        limit = limits.connectTimeout();
        text =
            connected
                ? where + " accepted TCP but the SSH handshake did not finish within "
                : "TCP connect to " + where + " did not finish within ";
        finish(Status.CONNECT_TIMEOUT, null, text + seconds(limit));
        break;
      case AUTH:
        finish(
            Status.AUTH_TIMEOUT,
            null,
            "authentication on " + where + " did not finish within "
                + seconds(limits.authTimeout()));
        break;
      default:
        finish(
            Status.COMMAND_TIMEOUT,
            null,
            "command on " + where + " did not finish within " + seconds(limits.commandTimeout()));
    }
  }

  private void onDeadline() {
    Phase p;
    synchronized (this) {
      p = phase;
    }
    Status s =
        p == Phase.CONNECT
            ? Status.CONNECT_TIMEOUT
            : p == Phase.AUTH ? Status.AUTH_TIMEOUT : Status.COMMAND_TIMEOUT;
    finish(
        s,
        null,
        "host deadline of " + seconds(limits.hostDeadline()) + " passed for " + hopLabel()
            + " during " + p.name().toLowerCase(java.util.Locale.ROOT));
  }

  // ---- the end ---------------------------------------------------------------------------------

  private void finish(Status status, Integer exit, String message) {
    ExecOutcome outcome;
    synchronized (this) {
      if (result.isDone()) {
        return;
      }
      byte[] o = out == null ? null : out.bytes();
      byte[] e = err == null ? null : err.bytes();
      boolean cut = (out != null && out.truncated()) || (err != null && err.truncated());
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
      outcome = new ExecOutcome(status, exit, o, e, cut, message, fingerprint, millis);
      cancel(phaseTimer);
      cancel(deadlineTimer);
    }
    result.complete(outcome);
    release(status == Status.OK);
  }

  /** Closes everything this exchange opened; gracefully only after a clean end. */
  private void release(boolean graceful) {
    ConnectFuture cf;
    ChannelExec ch;
    synchronized (this) {
      cf = connectFuture;
      ch = channel;
    }
    if (cf != null && !cf.isDone()) {
      cf.cancel();
    }
    if (ch != null) {
      ch.close(graceful);
    }
    for (ClientSession s : sessions.keySet()) {
      s.close(graceful);
    }
  }

  // ---- helpers ---------------------------------------------------------------------------------

  private interface Step {
    void run() throws Exception;
  }

  /** Any exception in a step becomes an ERROR outcome, never a lost future. */
  private Runnable guarded(Step step) {
    return () -> {
      try {
        step.run();
      } catch (Exception | Error e) {
        finish(Status.ERROR, null, "internal error on " + hopLabel() + ": "
            + ConnectFailures.reason(e));
      }
    };
  }

  /** Replaces the running phase timer; a timer that fires after being replaced does nothing. */
  private void armPhaseTimer(Duration d) {
    cancel(phaseTimer);
    Phase p = phase;
    int generation = ++timerGeneration;
    phaseTimer =
        schedule(
            d,
            () -> {
              synchronized (this) {
                if (generation != timerGeneration) {
                  return;
                }
              }
              onPhaseTimeout(p);
            });
  }

  private ScheduledFuture<?> schedule(Duration d, Runnable task) {
    return ctx.timer().schedule(guarded(task::run), d.toNanos(), TimeUnit.NANOSECONDS);
  }

  private static void cancel(ScheduledFuture<?> f) {
    if (f != null) {
      f.cancel(false);
    }
  }

  private synchronized String hopLabel() {
    return currentHop.label();
  }

  private String userOf(String user) {
    return user == null || user.isBlank() ? ctx.settings().defaultUser() : user;
  }

  private static String seconds(Duration d) {
    long ms = d.toMillis();
    return ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
  }
}
