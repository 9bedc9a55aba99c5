package dev.capfleet.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.capfleet.core.Capability;
import dev.capfleet.core.KernelVersion;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelLoaderTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void bundledModelHasTheDocumentedCapabilitySets() {
    RequirementModel m = ModelLoader.documented();
    assertEquals(
        List.of(Capability.CAP_BPF, Capability.CAP_PERFMON, Capability.CAP_SYS_PTRACE),
        m.requiredCapabilities(KernelVersion.of("5.8"), "text"));
    assertEquals(
        List.of(
            Capability.CAP_BPF,
            Capability.CAP_PERFMON,
            Capability.CAP_SYS_PTRACE,
            Capability.CAP_NET_ADMIN),
        m.requiredCapabilities(KernelVersion.of("6.1"), "pcapng"));
    assertEquals(
        List.of(Capability.CAP_SYS_ADMIN, Capability.CAP_SYS_PTRACE),
        m.requiredCapabilities(KernelVersion.of("5.7.19"), "keylog"));
    assertEquals(
        List.of(Capability.CAP_SYS_ADMIN, Capability.CAP_SYS_PTRACE, Capability.CAP_NET_ADMIN),
        m.requiredCapabilities(KernelVersion.of("4.18"), "pcapng"));
    assertEquals("pcapng", m.canonicalMode("pcap").orElseThrow());
    assertTrue(m.canonicalMode("tcpdump").isEmpty());
  }

  @Test
  void loadsTheSameModelFromYaml() throws Exception {
    Path yaml = dir.resolve("model.yaml");
    Files.writeString(
        yaml,
        new com.fasterxml.jackson.dataformat.yaml.YAMLMapper().writeValueAsString(bundledTree()));
    RequirementModel m = ModelLoader.load(yaml);
    assertEquals(ModelLoader.documented().rules().size(), m.rules().size());
  }

  @Test
  void rejectsUnknownOperatorNamingFileAndRule() throws Exception {
    String msg =
        failureOf(
            tree -> ((ObjectNode) tree.withArray("rules").get(5).get("require")).put("op", "has"));
    assertTrue(
        msg.contains(
            "model.json: rules[5] (id 'capability-granted').require.op: unknown operator 'has'"),
        msg);
  }

  @Test
  void rejectsUnknownFactNamingTheEntry() throws Exception {
    String msg =
        failureOf(
            tree ->
                ((ObjectNode) tree.withArray("rules").get(0).get("require"))
                    .put("fact", "kernel.vesion"));
    assertTrue(
        msg.contains("rules[0] (id 'kernel-supported').require.fact: unknown fact 'kernel.vesion'"),
        msg);
  }

  @Test
  void rejectsUnknownPlaceholderInRemediation() throws Exception {
    String msg =
        failureOf(
            tree ->
                ((ArrayNode) tree.withArray("rules").get(2).get("remediation")).add("rm {bianry}"));
    assertTrue(
        msg.contains("rules[2] (id 'binary-present').remediation: unknown placeholder {bianry}"),
        msg);
  }

  @Test
  void rejectsUnknownCapabilityAndBadKernelVersion() throws Exception {
    String caps =
        failureOf(
            tree ->
                ((ArrayNode) tree.withArray("capabilitySets").get(0).get("capabilities"))
                    .add("CAP_BPFF"));
    assertTrue(
        caps.contains("capabilitySets[0].capabilities: unknown capability 'CAP_BPFF'"), caps);
    String kernel =
        failureOf(
            tree ->
                ((ObjectNode) tree.withArray("capabilitySets").get(1))
                    .put("kernelAtLeast", "five"));
    assertTrue(
        kernel.contains("capabilitySets[1].kernelAtLeast: not a kernel version: 'five'"), kernel);
  }

  @Test
  void rejectsDuplicateRuleIdsAndBadSeverity() throws Exception {
    String dup =
        failureOf(
            tree -> ((ObjectNode) tree.withArray("rules").get(1)).put("id", "kernel-supported"));
    assertTrue(dup.contains("rules[1] (id 'kernel-supported'): duplicate rule id"), dup);
    String sev =
        failureOf(tree -> ((ObjectNode) tree.withArray("rules").get(1)).put("severity", "fatal"));
    assertTrue(sev.contains(".severity: must be blocker, warning or info"), sev);
  }

  @Test
  void reportsJsonSyntaxErrorWithLine() throws Exception {
    Path bad = dir.resolve("broken.json");
    Files.writeString(bad, "{\n  \"id\": \"x\",\n  \"version\": 1,,\n}\n");
    ModelException e = assertThrows(ModelException.class, () -> ModelLoader.load(bad));
    assertTrue(e.getMessage().startsWith(bad + ":3: not valid JSON"), e.getMessage());
  }

  @Test
  void reportsMissingFile() {
    ModelException e =
        assertThrows(ModelException.class, () -> ModelLoader.load(dir.resolve("nope.json")));
    assertTrue(e.getMessage().endsWith("nope.json: model file not found"), e.getMessage());
  }

  @Test
  void bothBundledModelsCarryTheRemediationActionsInRunOrder() {
    assertEquals(
        List.of("install-binary", "restrict-binary", "set-capabilities", "remove-capabilities"),
        ModelLoader.verified().actions().stream().map(RemediationAction::id).toList());
    assertEquals(
        List.of(
            "install-binary",
            "restrict-binary",
            "mount-debugfs",
            "mount-bpffs",
            "set-capabilities",
            "remove-capabilities"),
        ModelLoader.documented().actions().stream().map(RemediationAction::id).toList());
  }

  @Test
  void rejectsAnOwnerChangeWithNoSetcapAfterIt() throws Exception {
    String msg = failureOf(tree -> tree.withArray("actions").remove(4));
    assertTrue(
        msg.contains(
            "model.json: actions[1] (id 'restrict-binary').clearsCapabilities: no action with effect"
                + " 'set' follows it"),
        msg);
  }

  @Test
  void rejectsACommandLineOrAShellModuleInTheTasks() throws Exception {
    String line =
        failureOf(
            tree ->
                ((ObjectNode)
                        ((ObjectNode) tree.withArray("actions").get(1)).withArray("ansible").get(1))
                    .put("ansible.builtin.command", "chown root {{ capfleet_binary }}"));
    assertTrue(
        line.contains("actions[1] (id 'restrict-binary').ansible[1]: one module per task"), line);
    String cmd =
        failureOf(
            tree -> {
              ObjectNode task =
                  (ObjectNode)
                      ((ObjectNode) tree.withArray("actions").get(1)).withArray("ansible").get(1);
              task.remove("ansible.builtin.file");
              task.put("ansible.builtin.command", "chown root {{ capfleet_binary }}");
            });
    assertTrue(
        cmd.contains(
            "actions[1] (id 'restrict-binary').ansible[1].ansible.builtin.command: give the command"
                + " as argv only"),
        cmd);
    String shell =
        failureOf(
            tree ->
                ((ObjectNode)
                        ((ObjectNode) tree.withArray("actions").get(0)).withArray("ansible").get(0))
                    .put("ansible.builtin.shell", "id"));
    assertTrue(
        shell.contains(
            "actions[0] (id 'install-binary').ansible[0].ansible.builtin.shell: not an allowed"
                + " module or keyword"),
        shell);
  }

  @Test
  void rejectsUnknownRulesPlaceholdersAndVariables() throws Exception {
    String rule =
        failureOf(
            tree ->
                ((ObjectNode) tree.withArray("actions").get(2))
                    .withArray("triggeredBy")
                    .add("debugfs-mountd"));
    assertTrue(
        rule.contains(
            "actions[2] (id 'mount-debugfs').triggeredBy: no rule with id 'debugfs-mountd'"),
        rule);
    String word =
        failureOf(
            tree ->
                ((ObjectNode) tree.withArray("actions").get(4))
                    .withArray("shell")
                    .add("getcap {binry}"));
    assertTrue(
        word.contains("actions[4] (id 'set-capabilities').shell: unknown placeholder {binry}"),
        word);
    String var =
        failureOf(
            tree ->
                ((ObjectNode)
                        ((ObjectNode) tree.withArray("actions").get(5)).withArray("ansible").get(1))
                    .put("when", "capfleet_gecap.rc == 0"));
    assertTrue(
        var.contains("actions[5] (id 'remove-capabilities').ansible[1]: reads 'capfleet_gecap'"),
        var);
  }

  @Test
  void rejectsARuleWithItsOwnCommandsWhenAnActionAnswersIt() throws Exception {
    String msg =
        failureOf(
            tree ->
                ((ObjectNode) tree.withArray("rules").get(5))
                    .putArray("remediation")
                    .add("sudo setcap cap_bpf=eip {binary}"));
    assertTrue(
        msg.contains(
            "actions[4] (id 'set-capabilities').triggeredBy: rule 'capability-granted' has commands"),
        msg);
  }

  @Test
  void refusesPlaceholdersWhereNoQuotingHolds() throws Exception {
    for (String bad :
        List.of(
            "echo $'{kernel.release}'",
            "echo \"$(uname -r | grep {kernel.release})\"",
            "echo `echo {binary}`",
            "echo ${{binary}}",
            "x=\"$(pwd)\"/\"$(echo \"{binary}\")\"")) {
      String msg =
          failureOf(
              tree -> ((ArrayNode) tree.withArray("rules").get(1).get("remediation")).add(bad));
      assertTrue(msg.contains("rules[1] (id 'libcap-tools-installed').remediation["), msg);
      assertTrue(msg.contains("where") || msg.contains("follows a '$'"), msg);
    }
    String cleanup =
        failureOf(
            tree ->
                ((ArrayNode) tree.with("cleanup").withArray("commands"))
                    .add("setcap -r \"$(readlink -f {binary})\""));
    assertTrue(cleanup.contains("cleanup.commands["), cleanup);
  }

  @Test
  void refusesActionCommandsWithPlaceholdersWhereNoQuotingHolds() throws Exception {
    String msg =
        failureOf(
            tree ->
                ((ObjectNode) tree.withArray("actions").get(4))
                    .withArray("shell")
                    .add("echo \"$(getcap {binary})\""));
    assertTrue(msg.contains("actions[4] (id 'set-capabilities').shell["), msg);
  }

  @Test
  void acceptsPlaceholdersInContextsThatAreQuoted() throws Exception {
    ObjectNode tree = bundledTree();
    ((ArrayNode) tree.withArray("rules").get(1).get("remediation"))
        .add("echo '{kernel.release}' \"{binary}\" {binary} $(id -u) # {binary}");
    Path file = dir.resolve("ok.json");
    JSON.writeValue(file.toFile(), tree);
    ModelLoader.load(file);
  }

  private String failureOf(Consumer<ObjectNode> edit) throws Exception {
    ObjectNode tree = bundledTree();
    edit.accept(tree);
    Path file = dir.resolve("model.json");
    JSON.writeValue(file.toFile(), tree);
    return assertThrows(ModelException.class, () -> ModelLoader.load(file)).getMessage();
  }

  private static ObjectNode bundledTree() throws Exception {
    try (InputStream in = ModelLoader.class.getResourceAsStream(ModelLoader.DOCUMENTED)) {
      return (ObjectNode) JSON.readTree(in);
    }
  }
}
