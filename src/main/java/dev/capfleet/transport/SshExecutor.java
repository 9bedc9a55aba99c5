package dev.capfleet.transport;

import dev.capfleet.transport.ExecOutcome.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.client.keyverifier.RejectAllServerKeyVerifier;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;
import org.apache.sshd.core.CoreModuleProperties;

/**
 * Runs commands over SSH on many hosts through one shared MINA {@link SshClient}: strict
 * known_hosts checking, public-key authentication only, one connection and one exec per call.
 *
 * <p>Nothing of the user's {@code ~/.ssh} is read behind the caller's back (MINA's defaults would
 * read {@code ~/.ssh/config} and accept every host key; both are switched off here).
 */
public final class SshExecutor implements CommandRunner, AutoCloseable {
  /** Threads that resolve host names and start connects; the rest is non-blocking. */
  private static final int STARTER_THREADS = 16;

  /** The SSH channel window we grant hosts (see the constructor). */
  static final long WINDOW_BYTES = 256 * 1024;

  private final ClientContext ctx;
  private final AtomicBoolean closed = new AtomicBoolean();

  public SshExecutor(SshSettings settings) {
    Objects.requireNonNull(settings, "settings");
    HopClient client = HopClient.create();
    client.setHostConfigEntryResolver(HostConfigEntryResolver.EMPTY);
    client.setServerKeyVerifier(RejectAllServerKeyVerifier.INSTANCE); // replaced per session
    client.setKeyIdentityProvider(KeyIdentityProvider.EMPTY_KEYS_PROVIDER);
    client.setFilePasswordProvider(FilePasswordProvider.EMPTY);
    client.setUserAuthFactories(List.of(new KeysBeforeAgent()));
    DefaultAlgorithms.apply(client, settings.kex());
    if (settings.agentSocket() != null && Files.exists(settings.agentSocket())) {
      client.setAgentFactory(new AgentSocket.Factory(settings.agentSocket()));
    }
    client.addSessionListener(new SessionSetup());
    // How much a host may send before we read it: MINA's 2 MiB default, buffered per channel, let
    // 50 flooding
    // hosts hold hundreds of MiB on top of the kept output. The probe prints tens of KiB.
    CoreModuleProperties.WINDOW_SIZE.set(client, WINDOW_BYTES);
    client.start();

    ScheduledThreadPoolExecutor timer =
        new ScheduledThreadPoolExecutor(1, daemon("capfleet-ssh-timer"));
    timer.setRemoveOnCancelPolicy(true);
    ThreadPoolExecutor starter =
        new ThreadPoolExecutor(
            STARTER_THREADS,
            STARTER_THREADS,
            10,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            daemon("capfleet-ssh-start"));
    starter.allowCoreThreadTimeOut(true);
    ctx =
        new ClientContext(
            client,
            settings,
            new KnownHosts(settings.knownHostsFile()),
            new ConcurrentHashMap<>(),
            new IdentityFiles(settings.passphrase()),
            timer,
            starter,
            HandshakeGate.forCores(starter));
  }

  @Override
  public CompletableFuture<ExecOutcome> run(
      SshTarget target, String command, byte[] stdin, ExecLimits limits) {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(command, "command");
    ExecLimits bounds = limits == null ? ExecLimits.DEFAULTS : limits;
    if (closed.get()) {
      return CompletableFuture.completedFuture(
          ExecOutcome.failure(Status.ERROR, "SSH executor is closed", null, 0));
    }
    try {
      return new SshExchange(ctx, target, command, stdin, bounds).start();
    } catch (RuntimeException e) {
      return CompletableFuture.completedFuture(
          ExecOutcome.failure(
              Status.ERROR,
              "cannot start SSH to " + target.name() + ": " + ConnectFailures.reason(e),
              null,
              0));
    }
  }

  /**
   * Reads a private key file as runs will (once: runs reuse it) and says why it cannot be used, or
   * null. Lets the caller refuse a bad key, or ask for its passphrase, before any host is
   * contacted. The message never holds the passphrase.
   */
  public String identityProblem(Path key) {
    return ctx.identities().load(key).problem();
  }

  /** Stops the client; runs still in flight end as DISCONNECTED or ERROR. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      ctx.client().stop();
    } finally {
      ctx.timer().shutdownNow();
      ((ThreadPoolExecutor) ctx.starter()).shutdownNow();
    }
  }

  private static ThreadFactory daemon(String name) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
