package dev.capfleet.demo;

import dev.capfleet.core.BinaryPath;
import dev.capfleet.core.HostText;
import dev.capfleet.demo.DemoHost.Behaviour;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.sshd.common.io.IoInputStream;
import org.apache.sshd.common.io.IoOutputStream;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.channel.ChannelDataReceiver;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.channel.ChannelSessionAware;
import org.apache.sshd.server.command.AsyncCommand;

/**
 * One exec request on a demo host: the probe command is accepted only in the exact form the scanner
 * sends; the script on standard input is read to its end and dropped, then the host's recorded
 * answer goes back with the scanner's nonce in its markers. A {@link Behaviour#HANG} host reads its
 * input and never answers anything. No thread waits on anything: input arrives through a {@link
 * ChannelDataReceiver} and output leaves through MINA's asynchronous stream.
 */
final class ProbeCommand implements AsyncCommand, ChannelSessionAware, ChannelDataReceiver {
  /**
   * {@code ProbeScript.remoteCommand}'s shape: a 16-digit lower-case hex nonce and a path, both
   * single-quoted; the path must also pass the scanner's own {@link BinaryPath#problem} rule.
   */
  static final Pattern PROBE =
      Pattern.compile("LC_ALL=C /bin/sh -s -- '([0-9a-f]{16})' '([^'\\n]{1,4096})'");

  static final int REFUSED = 127;

  private final ServedHost host;
  private final ScheduledExecutorService scheduler;
  private final Duration latency;
  private final String nonce;
  private final String refusal;
  private final AtomicBoolean started = new AtomicBoolean();
  private final AtomicBoolean eof = new AtomicBoolean();
  private final AtomicBoolean answered = new AtomicBoolean();
  private volatile boolean destroyed;
  private IoOutputStream out;
  private IoOutputStream err;
  private ExitCallback exit;

  ProbeCommand(
      ServedHost host, String command, ScheduledExecutorService scheduler, Duration latency) {
    this.host = host;
    this.scheduler = scheduler;
    this.latency = latency;
    Matcher m = PROBE.matcher(command);
    if (!m.matches() || BinaryPath.problem(m.group(2)) != null) {
      nonce = null;
      refusal =
          "capfleet demo host "
              + host.name()
              + ": only the capfleet probe command is accepted, not: "
              + HostText.printable(command);
    } else if (!m.group(2).equals(host.binary())) {
      nonce = null;
      refusal =
          "capfleet demo host "
              + host.name()
              + ": its recorded answer is about "
              + host.binary()
              + ", not "
              + m.group(2)
              + " (set ecapture_path as the demo inventory does)";
    } else {
      nonce = m.group(1);
      refusal = null;
    }
  }

  @Override
  public void setChannelSession(ChannelSession channel) {
    // Installed before MINA would install its own pipe (which needs a reading thread); see
    // ChannelSession.
    channel.setDataReceiver(this);
  }

  @Override
  public int data(ChannelSession channel, byte[] buf, int start, int len) {
    return len; // the probe script: read and dropped
  }

  /** Called by MINA at end of input (and when the channel closes). */
  @Override
  public void close() {
    eof.set(true);
    maybeAnswer();
  }

  @Override
  public void start(ChannelSession channel, Environment env) {
    started.set(true);
    if (host.behaviour() == Behaviour.HANG) {
      return; // accepts anything and never answers, not even a refusal
    }
    if (refusal != null) {
      refuse();
    } else {
      maybeAnswer();
    }
  }

  private void maybeAnswer() {
    if (refusal != null
        || !started.get()
        || !eof.get()
        || host.behaviour() == Behaviour.HANG
        || destroyed
        || !answered.compareAndSet(false, true)) {
      return;
    }
    byte[] answer = host.answerFor(nonce);
    if (latency.isZero()) {
      write(out, answer, 0);
    } else {
      scheduler.schedule(() -> write(out, answer, 0), latency.toNanos(), TimeUnit.NANOSECONDS);
    }
  }

  private void refuse() {
    if (answered.compareAndSet(false, true)) {
      write(err, (refusal + "\n").getBytes(StandardCharsets.UTF_8), REFUSED);
    }
  }

  private void write(IoOutputStream stream, byte[] bytes, int status) {
    if (destroyed) {
      return;
    }
    try {
      stream
          .writeBuffer(new ByteArrayBuffer(bytes))
          .addListener(
              f -> {
                if (!destroyed) {
                  exit.onExit(f.isWritten() ? status : 1);
                }
              });
    } catch (IOException | RuntimeException e) {
      if (!destroyed) {
        exit.onExit(1, "capfleet demo: cannot write the answer", true);
      }
    }
  }

  @Override
  public void destroy(ChannelSession channel) {
    destroyed = true;
  }

  @Override
  public void setIoOutputStream(IoOutputStream stream) {
    this.out = stream;
  }

  @Override
  public void setIoErrorStream(IoOutputStream stream) {
    this.err = stream;
  }

  @Override
  public void setIoInputStream(IoInputStream in) {
    // unused: input arrives through data()
  }

  @Override
  public void setExitCallback(ExitCallback callback) {
    this.exit = callback;
  }

  @Override
  public void setInputStream(java.io.InputStream in) {
    // unused: input arrives through data()
  }

  @Override
  public void setOutputStream(java.io.OutputStream stream) {
    // unused: the asynchronous stream is used
  }

  @Override
  public void setErrorStream(java.io.OutputStream stream) {
    // unused: the asynchronous stream is used
  }
}
