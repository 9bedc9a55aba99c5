package dev.capfleet.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.capfleet.cli.Main;
import dev.capfleet.testing.Processes;
import dev.capfleet.testing.RealSshd;
import dev.capfleet.testing.SshKeys;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two scans of the same real-sshd fleet with one host broken in between (its capabilities removed
 * with the real {@code setcap -r}): {@code capfleet diff} names that host alone and exits 3, and
 * the playbook from the second report passes {@code ansible-playbook --syntax-check} and carries
 * that host's exact fix.
 */
@ExtendWith(RealSshd.StopAll.class)
class RescanDiffTest {
  @TempDir Path dir;

  record Run(int exit, String out, String err) {}

  private static Run capfleet(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.run(args, new PrintWriter(out), new PrintWriter(err), Map.of());
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void diffNamesTheHostBrokenBetweenScansAlone() throws Exception {
    RealSshd.assumeAvailable();
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    SshKeys.KeyFile key = SshKeys.generate(dir, "id", SshKeys.Type.ED25519);
    List<String> knownHosts = new ArrayList<>();
    StringBuilder inv = new StringBuilder("[fleet]\n");
    List<Path> binaries = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      Path bin = dir.resolve("bin" + i).resolve("ecapture");
      Files.createDirectories(bin.getParent());
      Files.setPosixFilePermissions(bin.getParent(), PosixFilePermissions.fromString("rwxr-xr-x"));
      Files.copy(Path.of("/bin/true"), bin);
      Processes.run(List.of("chmod", "0750", bin.toString()));
      Processes.run(List.of("setcap", "cap_bpf,cap_perfmon,cap_sys_ptrace=eip", bin.toString()));
      binaries.add(bin);
      RealSshd s =
          RealSshd.builder(dir.resolve("sshd" + i))
              .address("127.0.33." + i)
              .hostKeys(SshKeys.Type.ED25519)
              .authorizeLogin(key.publicKey())
              .namespaceSetup(
                  "mount -t debugfs debugfs /sys/kernel/debug\nmount -t bpf bpf /sys/fs/bpf")
              .start();
      knownHosts.add(s.knownHostsLine(SshKeys.Type.ED25519));
      inv.append("node")
          .append(i)
          .append(" ansible_host=")
          .append(s.address())
          .append(" ansible_port=")
          .append(s.port())
          .append(" ecapture_path=")
          .append(bin)
          .append('\n');
    }
    Path kh = Files.write(dir.resolve("known_hosts"), knownHosts);
    Path inventory = Files.writeString(dir.resolve("fleet.ini"), inv);
    // the documented model: this test is about diff and remediate, and its hosts carry the
    // documented set
    String[] scan = {
      "scan",
      "--model",
      "documented",
      "-i",
      inventory.toString(),
      "--known-hosts",
      kh.toString(),
      "--private-key",
      key.privateKey().toString(),
      "-u",
      RealSshd.loginUser(),
      "-T",
      "15",
      "--out",
      dir.toString(),
      "--format",
      "json",
      "--name"
    };

    Run first = capfleet(concat(scan, "before"));
    assertEquals(0, first.exit(), first.toString());
    Processes.run(List.of("setcap", "-r", binaries.get(1).toString()));
    Run second = capfleet(concat(scan, "after"));
    assertEquals(3, second.exit(), second.toString());

    Run diff =
        capfleet(
            "diff",
            dir.resolve("before.json").toString(),
            dir.resolve("after.json").toString(),
            "--format",
            "json");
    assertEquals(3, diff.exit(), diff.toString());
    var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(diff.out());
    assertEquals(1, json.path("worse").size(), diff.out());
    assertEquals("node2", json.path("worse").get(0).path("host").asText(), diff.out());
    assertEquals(0, json.path("better").size());
    assertTrue(diff.out().contains("capability-granted"), diff.out());
    Run text =
        capfleet(
            "diff", dir.resolve("before.json").toString(), dir.resolve("after.json").toString());
    assertTrue(
        text.out().contains("node2")
            && !text.out().contains("node1")
            && !text.out().contains("node3"),
        text.out());

    Path playbook = dir.resolve("fix.yml");
    Run remediate =
        capfleet(
            "remediate",
            dir.resolve("after.json").toString(),
            "--format",
            "ansible",
            "-o",
            playbook.toString());
    assertEquals(0, remediate.exit(), remediate.toString());
    String yaml = Files.readString(playbook);
    assertTrue(yaml.contains("cap_sys_ptrace,cap_perfmon,cap_bpf=eip"), yaml);
    // one play per action over the hosts that need it: outside the cleanup plays, only node2 is
    // targeted
    List<String> fixes =
        java.util.Arrays.stream(yaml.split("\n- name: "))
            .skip(1)
            .filter(play -> !play.contains("tags: [cleanup, never]"))
            .toList();
    assertTrue(!fixes.isEmpty(), yaml);
    for (String play : fixes) {
      assertTrue(
          play.contains("!unsafe \"node2\"")
              && !play.contains("!unsafe \"node1\"")
              && !play.contains("!unsafe \"node3\""),
          play);
    }
    Path ansible = Path.of("/usr/bin/ansible-playbook");
    if (!Files.isExecutable(ansible)) {
      // everything above was checked; the playbook's syntax cannot be, and a pass would claim it
      // was
      RealSshd.skipOutsideCi(ansible + " is not installed (apt-get install ansible-core)");
    }
    Files.writeString(dir.resolve("hosts.ini"), "node1\nnode2\nnode3\n");
    String check =
        Processes.run(
            List.of(
                ansible.toString(),
                "-i",
                dir.resolve("hosts.ini").toString(),
                "--syntax-check",
                playbook.toString()));
    assertTrue(check.contains("playbook: " + playbook), check);
  }

  private static String[] concat(String[] a, String last) {
    String[] out = java.util.Arrays.copyOf(a, a.length + 1);
    out[a.length] = last;
    return out;
  }
}
