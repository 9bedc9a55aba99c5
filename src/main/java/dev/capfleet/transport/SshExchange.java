package dev.capfleet.transport;

import dev.capfleet.transport.ExecOutcome.Status;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.sshd.client.channel.ChannelExec;
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
 * exactly one {@link ExecOutcome}; {@link PhaseTimer} ends it when the host stops answering.
 */
final class SshExchange {
  /** Travels in the connect context so {@link SessionSetup} finds the exchange of each session. */
  static final AttributeKey<SshExchange> KEY = new AttributeKey<>();

  private final ClientContext ctx;
  private final SshTarget target;
  private final String command;
  private final byte[] stdin;
  private final ExecLimits limits;
  private final Route route;
  private final CompletableFuture<ExecOutcome> result = new CompletableFuture<>();
  private final long startNanos = System.nanoTime();
  private final PhaseTimer timer;
  private final AtomicInteger nextHop = new AtomicInteger();
  private final Map<ClientSession, Hop> sessions = new ConcurrentHashMap<>();

  // written by connect() before the connect starts; read by IO threads afterwards
  private volatile List<KeyPair> keys = List.of(); // the target's
  private volatile List<List<KeyPair>> hopKeys = List.of(); // each hop's, by index
  private volatile List<IdentityFiles.Loaded> identityFiles = List.of();

  // guarded by this
  private Phase phase = Phase.CONNECT;
  private Hop currentHop;
  private boolean tcpConnected;
  private boolean hostKeyFailed;
  private boolean inGate;
  private String fingerprint;
  private ConnectFuture connectFuture;
  private ClientSession session;
  private ChannelExec channel;
  private StreamCollector out;
  private StreamCollector err;

  SshExchange(
      ClientContext ctx, SshTarget target, String command, byte[] stdin, ExecLimits limits) {
    this.ctx = ctx;
    this.target = target;
    this.command = command;
    this.stdin = stdin == null ? new byte[0] : stdin;
    // the host's own connect timeout (ssh_config's ConnectTimeout) replaces the scan's, in its
    // messages too
    this.limits =
        target.connectTimeout() == null
            ? limits
            : limits.withConnectTimeout(target.connectTimeout());
    this.route = Route.to(target, ctx.settings().defaultUser());
    this.currentHop = route.first();
    this.timer = new PhaseTimer(ctx.timer(), p -> guarded(() -> onPhaseTimeout(p)).run());
  }

  CompletableFuture<ExecOutcome> start() {
    ctx.handshakes().enter(guarded(this::enterGate));
    return result;
  }

  /**
   * Through the gate: only now do the deadline and the connect timeout start (never while queued).
   */
  private void enterGate() throws IOException {
    synchronized (this) {
      inGate = true;
    }
    if (result
        .isDone()) { // ended while queued (finish completes the result before it leaves the gate)
      leaveGate();
      return;
    }
    timer.startDeadline(limits.hostDeadline(), guarded(this::onDeadline));
    timer.arm(Phase.CONNECT, limits.connectTimeout());
    connect();
  }

  /**
   * Leaves the handshake gate once: when authentication ended, or when the exchange ended before.
   */
  private void leaveGate() {
    synchronized (this) {
      if (!inGate) {
        return;
      }
      inGate = false;
    }
    ctx.handshakes().leave();
  }

  // ---- connect ---------------------------------------------------------------------------------

  private void connect() throws IOException {
    if (result.isDone()) {
      return;
    }
    // ssh tries every identity file in order (the command line's, then ssh_config's) and falls
    // back on its defaults only when none is named; a jump host without IdentityFile lines of its
    // own uses the target's keys
    List<Path> targetFiles = route.target().identityFiles();
    List<IdentityFiles.Loaded> loaded =
        new ArrayList<>(
            ctx.identities()
                .loadAll(targetFiles.isEmpty() ? ctx.settings().identityFiles() : targetFiles));
    keys = loaded.stream().flatMap(l -> l.keys().stream()).collect(Collectors.toList());
    List<List<KeyPair>> perHop = new ArrayList<>();
    for (Hop hop : route.hops()) {
      if (hop.target() || hop.identityFiles().isEmpty()) {
        perHop.add(keys);
        continue;
      }
      List<IdentityFiles.Loaded> own = ctx.identities().loadAll(hop.identityFiles());
      loaded.addAll(own);
      perHop.add(own.stream().flatMap(l -> l.keys().stream()).toList());
    }
    hopKeys = List.copyOf(perHop);
    identityFiles = List.copyOf(loaded);
    if (keys.isEmpty() && !ctx.agent()) {
      String why = identityProblems();
      finish(
          Status.AUTH_FAILED,
          null,
          "no usable key for "
              + route.target().label()
              + ": "
              + (why == null ? "no private key given and no ssh-agent" : why));
      return;
    }
    String firstIp;
    try {
      firstIp = InetAddress.getByName(route.first().address()).getHostAddress();
    } catch (UnknownHostException e) {
      finish(Status.UNRESOLVED, null, "cannot resolve " + route.first().label());
      return;
    }
    ConnectFuture f =
        ctx.client()
            .connect(
                route.firstHostConfig(firstIp),
                AttributeRepository.ofKeyValuePair(KEY, this),
                null);
    synchronized (this) {
      connectFuture = f;
    }
    f.addListener(this::onConnected);
  }

  /** Called by {@link SessionSetup} when MINA creates the next hop's session, before its KEX. */
  void onSessionCreated(ClientSession s) {
    int i = nextHop.getAndIncrement();
    if (i >= route.hops().size() || result.isDone()) {
      s.close(true);
      return;
    }
    Hop hop = route.hops().get(i);
    sessions.put(s, hop);
    KnownHostsFiles known = ctx.knownHostsFor(target, hop);
    s.setServerKeyVerifier(
        new HostKeyCheck(known, hop, ctx.settings().acceptNewHostKeys(), this::onHostKeyVerdict));
    s.setSignatureFactories(
        HostKeyAlgorithms.preferring(
            s.getSignatureFactories(), known.keyTypes(hop.address(), hop.port())));
    List<KeyPair> ids = hopKeys.get(i);
    s.setKeyIdentityProvider(context -> ids);
    s.setAttribute(KeysBeforeAgent.POLICY, new KeysBeforeAgent.Policy(ids, hop.identitiesOnly()));
    synchronized (this) {
      currentHop = hop;
      tcpConnected = true;
    }
    timer.arm(Phase.CONNECT, limits.connectTimeout()); // each hop gets the full connect timeout
  }

  /** Called by {@link SessionSetup} after a key exchange of any hop's session. */
  void onKexCompleted(ClientSession s) {
    Hop hop = sessions.get(s);
    synchronized (this) {
      if (hop == null || !hop.target() || phase != Phase.CONNECT) {
        return;
      }
      phase = Phase.AUTH;
    }
    timer.arm(Phase.AUTH, limits.authTimeout());
  }

  private void onHostKeyVerdict(Hop hop, HostKeyVerdict verdict) {
    synchronized (this) {
      if (hop.target()) {
        fingerprint = verdict.offered();
      }
      if (verdict.accepted() || hostKeyFailed) {
        return;
      }
      hostKeyFailed = true;
    }
    Status status =
        verdict.kind() == HostKeyVerdict.Kind.CHANGED
            ? Status.HOST_KEY_CHANGED
            : verdict.kind() == HostKeyVerdict.Kind.REVOKED
                ? Status.HOST_KEY_REVOKED
                : Status.HOST_KEY_UNKNOWN;
    finish(
        status, null, FailureText.hostKey(hop, verdict, ctx.knownHostsFor(target, hop).describe()));
  }

  private void onConnected(ConnectFuture f) {
    guarded(
            () -> {
              if (!f.isConnected()) {
                fail(f.getException());
                return;
              }
              ClientSession s = f.getClientSession();
              Hop hop = sessions.get(s);
              synchronized (this) {
                session = s;
              }
              if (result.isDone() || hop == null) {
                s.close(true);
                return;
              }
              s.auth().addListener(a -> onAuthDone(s, hop, a));
            })
        .run();
  }

  // ---- authenticate and run --------------------------------------------------------------------

  private void onAuthDone(ClientSession s, Hop hop, AuthFuture f) {
    if (!f.isSuccess() || hop.target()) {
      leaveGate(); // the handshake work ends with the target's authentication (or with a failure on
      // the way)
    }
    guarded(
            () -> {
              if (!f.isSuccess()) {
                fail(f.getException());
                return;
              }
              if (!hop.target()) {
                connectNext(s, hop);
                return;
              }
              ChannelExec ch;
              synchronized (this) {
                if (result.isDone()) {
                  return;
                }
                phase = Phase.EXEC;
                ch = session.createExecChannel(command);
                ch.setStreaming(StreamingChannel.Streaming.Async);
                channel = ch;
              }
              timer.arm(Phase.EXEC, limits.commandTimeout());
              ch.open().addListener(this::onOpened);
            })
        .run();
  }

  /**
   * The next hop's session, carried by a direct-tcpip channel of {@code via}: no local listener.
   */
  private void connectNext(ClientSession via, Hop hop) throws IOException {
    int i = 0;
    while (route.hops().get(i) != hop) { // by identity: two hops may be equal records
      i++;
    }
    Hop next = route.hops().get(i + 1);
    ConnectFuture f = ctx.client().connectThrough(via, next, KEY, this);
    synchronized (this) {
      if (result.isDone()) {
        f.cancel();
        return;
      }
      connectFuture = f;
    }
    f.addListener(this::onConnected);
  }

  private void onOpened(OpenFuture f) {
    guarded(
            () -> {
              if (!f.isOpened()) {
                finish(
                    Status.ERROR,
                    null,
                    "server refused to run a command on "
                        + hopLabel()
                        + ": "
                        + ConnectFailures.reason(f.getException()));
                return;
              }
              ChannelExec ch;
              StreamCollector o;
              StreamCollector e;
              synchronized (this) {
                ch = channel;
                o = new StreamCollector(ch.getAsyncOut(), limits.maxOutputBytes(), this::onCap);
                e = new StreamCollector(ch.getAsyncErr(), ExecLimits.STDERR_CAP, null);
                out = o;
                err = e;
              }
              o.start();
              e.start();
              sendStdin(ch.getAsyncIn());
              ch.addCloseFutureListener(
                  c -> CompletableFuture.allOf(o.done(), e.done()).thenRun(this::onClosed));
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
        "standard output of "
            + hopLabel()
            + " passed "
            + limits.maxOutputBytes()
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

  /** A future failed: say why in terms of how far we got. */
  private void fail(Throwable t) {
    Phase p;
    boolean connected;
    synchronized (this) {
      if (hostKeyFailed) {
        return; // already reported, with the verdict
      }
      p = phase;
      connected = tcpConnected;
    }
    String where = hopLabel();
    String reason = ConnectFailures.reason(t);
    if (p == Phase.CONNECT && !connected) {
      Status s = ConnectFailures.status(t);
      finish(s, null, ConnectFailures.describe(s, where, t));
    } else if (reason.toLowerCase(Locale.ROOT).contains("authentication")) { // jump hosts too
      finish(
          Status.AUTH_FAILED,
          null,
          FailureText.authFailed(
              route.target().user(), where, keys, ctx.agent(), identityProblems()));
    } else if (p == Phase.CONNECT) {
      finish(Status.HANDSHAKE_FAILED, null, "SSH handshake with " + where + " failed: " + reason);
    } else {
      String during = p == Phase.AUTH ? " during authentication" : "";
      finish(
          Status.DISCONNECTED, null, "connection to " + where + " lost" + during + ": " + reason);
    }
  }

  private String identityProblems() {
    String problems =
        identityFiles.stream()
            .map(IdentityFiles.Loaded::problem)
            .filter(Objects::nonNull)
            .collect(Collectors.joining("; "));
    return problems.isEmpty() ? null : problems;
  }

  private void onPhaseTimeout(Phase p) {
    boolean connected;
    synchronized (this) {
      connected = tcpConnected;
    }
    finish(p.timeoutStatus(), null, FailureText.phaseTimeout(p, connected, hopLabel(), limits));
  }

  private void onDeadline() {
    Phase p;
    synchronized (this) {
      p = phase;
    }
    finish(p.timeoutStatus(), null, FailureText.deadline(p, hopLabel(), limits));
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
    }
    timer.stop();
    boolean first = result.complete(outcome);
    leaveGate();
    if (first) {
      release(status == Status.OK);
    }
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

  private interface Step {
    void run() throws Exception;
  }

  /** Any exception in a step becomes an ERROR outcome, never a lost future. */
  private Runnable guarded(Step step) {
    return () -> {
      try {
        step.run();
      } catch (Exception | Error e) {
        finish(
            Status.ERROR,
            null,
            "internal error on " + hopLabel() + ": " + ConnectFailures.reason(e));
      }
    };
  }

  private synchronized String hopLabel() {
    return currentHop.label();
  }
}
