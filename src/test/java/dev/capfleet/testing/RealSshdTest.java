package dev.capfleet.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.capfleet.testing.SshKeys.KeyFile;
import dev.capfleet.testing.SshKeys.Type;
import dev.capfleet.transport.ExecLimits;
import dev.capfleet.transport.ExecOutcome;
import dev.capfleet.transport.SshExecutor;
import dev.capfleet.transport.SshSettings;
import dev.capfleet.transport.SshTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The harness itself: private mounts and file capabilities, and nothing left behind. */
@ExtendWith(RealSshd.StopAll.class)
class RealSshdTest {
  @TempDir static Path dir;
  static KeyFile me;

  @BeforeAll
  static void keys() {
    RealSshd.assumeAvailable();
    me = SshKeys.generate(dir.resolve("keys"), "id", Type.ED25519);
  }

  @Test
  void namespaceSetupIsSeenOnlyByThatServersSessions() throws Exception {
    String setup =
        "mount -t tmpfs -o nosuid,size=8m capfleet-test /mnt\n"
            + "cp /bin/true /mnt/ecapture\n"
            + "setcap cap_bpf,cap_perfmon+ep /mnt/ecapture";
    try (RealSshd sshd =
        RealSshd.builder(dir)
            .address("127.0.16.1")
            .hostKeys(Type.ED25519)
            .authorizeLogin(me.publicKey())
            .namespaceSetup(setup)
            .start()) {
      ExecOutcome o = run(sshd, "grep ' /mnt ' /proc/self/mounts; /usr/sbin/getcap /mnt/ecapture");
      assertEquals(0, o.exitCode(), o + " " + o.stderrText() + sshd.log());
      assertTrue(o.stdoutText().contains("capfleet-test /mnt tmpfs"), o.stdoutText());
      assertTrue(o.stdoutText().contains("nosuid"), o.stdoutText());
      assertTrue(o.stdoutText().matches("(?s).*/mnt/ecapture cap_[a-z_,]+=ep.*"), o.stdoutText());
      assertTrue(o.stdoutText().contains("cap_bpf"), o.stdoutText());
    }
    assertFalse(Files.readString(Path.of("/proc/self/mounts")).contains("capfleet-test"));
  }

  @Test
  void closeKillsSessionProcessesThatLeftTheirSession() throws Exception {
    RealSshd sshd =
        RealSshd.builder(dir)
            .address("127.0.16.2")
            .hostKeys(Type.ED25519)
            .authorizeLogin(me.publicKey())
            .start();
    ExecOutcome o = run(sshd, "setsid sleep 300 </dev/null >/dev/null 2>&1 & echo $!");
    long inner = Long.parseLong(o.stdoutText().trim()); // a PID inside sshd's PID namespace
    assertTrue(inner > 0, o.toString());
    assertTrue(sleepers(sshd) > 0, "orphaned sleep not found");
    sshd.close();
    for (int i = 0; i < 100 && sleepers(sshd) > 0; i++) {
      Thread.sleep(50);
    }
    assertEquals(0, sleepers(sshd));
  }

  @Test
  void knownHostsNamesFollowOpenSsh() {
    try (RealSshd sshd = RealSshd.builder(dir).address("127.0.16.3").hostKeys(Type.ECDSA).start()) {
      assertEquals("[127.0.16.3]:" + sshd.port(), sshd.knownHostsName());
      assertTrue(sshd.knownHostsLine(Type.ECDSA).endsWith(sshd.hostKey(Type.ECDSA).publicLine()));
      assertEquals(1, sshd.knownHostsLines().size());
    }
  }

  /** Processes running {@code sleep 300} whose SSH_CONNECTION names this server. */
  private static long sleepers(RealSshd sshd) {
    String tag = " " + sshd.address() + " " + sshd.port();
    return ProcessHandle.allProcesses()
        .filter(p -> p.info().commandLine().orElse("").contains("sleep 300"))
        .filter(p -> environ(p.pid()).contains(tag))
        .count();
  }

  private static String environ(long pid) {
    try {
      return Files.readString(Path.of("/proc/" + pid + "/environ")).replace('\0', '\n');
    } catch (Exception e) {
      return "";
    }
  }

  private static ExecOutcome run(RealSshd sshd, String command) throws Exception {
    Path kh = Files.createTempFile(dir, "known_hosts", "");
    Files.write(kh, sshd.knownHostsLines());
    SshSettings s =
        SshSettings.strict(kh)
            .withDefaultUser(RealSshd.loginUser())
            .withIdentityFiles(List.of(me.privateKey()));
    try (SshExecutor ssh = new SshExecutor(s)) {
      return ssh.run(
              SshTarget.of("t", sshd.address(), sshd.port()), command, null, ExecLimits.DEFAULTS)
          .get(60, TimeUnit.SECONDS);
    }
  }
}
