package dev.capfleet.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.capfleet.testing.RealSshd;
import dev.capfleet.testing.SshKeys;
import dev.capfleet.testing.SshKeys.KeyFile;
import dev.capfleet.testing.SshKeys.Type;
import dev.capfleet.transport.ExecOutcome.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A given key is offered before, and instead of, the ssh-agent's: an agent holding seven other keys
 * would use up sshd's MaxAuthTries (6) before the given key was tried.
 */
@ExtendWith(RealSshd.StopAll.class)
class AgentKeysTest {
  @TempDir Path dir;

  @Test
  void givenKeyWinsOverASevenKeyAgent() throws Exception {
    RealSshd.assumeAvailable();
    KeyFile me = SshKeys.generate(dir.resolve("keys"), "given", Type.ED25519);
    List<String> agentKeys = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      agentKeys.add(
          SshKeys.generate(dir.resolve("keys"), "agent" + i, Type.ED25519).privateKey().toString());
    }
    try (RealSshd sshd =
        RealSshd.builder(dir)
            .address("127.0.14.31")
            .hostKeys(Type.ED25519)
            .authorizeLogin(me.publicKey())
            .config("MaxAuthTries 6")
            .start()) {
      Path kh = dir.resolve("known_hosts");
      Files.writeString(kh, sshd.knownHostsLine(Type.ED25519) + "\n");
      Path socket = dir.resolve("agent.sock");
      Process agent =
          new ProcessBuilder("ssh-agent", "-D", "-a", socket.toString())
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("agent.log").toFile())
              .start();
      try {
        for (int i = 0; i < 100 && !Files.exists(socket); i++) {
          Thread.sleep(20);
        }
        List<String> add = new ArrayList<>(List.of("ssh-add", "-q"));
        add.addAll(agentKeys);
        ProcessBuilder pb = new ProcessBuilder(add).redirectErrorStream(true);
        pb.environment().put("SSH_AUTH_SOCK", socket.toString());
        Process p = pb.start();
        p.getInputStream().readAllBytes();
        assertEquals(0, p.waitFor());
        SshSettings s =
            SshRuns.settings(kh, me.privateKey())
                .withEnvironment(Map.of(SshSettings.AGENT_ENV, socket.toString()));
        ExecOutcome o = SshRuns.runOnce(s, SshRuns.target("web1", sshd), "echo given", null);
        assertEquals(Status.OK, o.status(), o.message());
        assertEquals("given\n", o.stdoutText());
      } finally {
        agent.destroyForcibly();
      }
    }
  }
}
