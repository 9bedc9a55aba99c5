package dev.capfleet.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.capfleet.probe.Capability;
import dev.capfleet.probe.KernelVersion;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelLoaderTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  @Test
  void bundledModelHasTheDocumentedCapabilitySets() {
    RequirementModel m = ModelLoader.documented();
    assertEquals(List.of(Capability.CAP_BPF, Capability.CAP_PERFMON, Capability.CAP_SYS_PTRACE),
        m.requiredCapabilities(KernelVersion.of("5.8"), "text"));
    assertEquals(List.of(Capability.CAP_BPF, Capability.CAP_PERFMON, Capability.CAP_SYS_PTRACE,
        Capability.CAP_NET_ADMIN), m.requiredCapabilities(KernelVersion.of("6.1"), "pcapng"));
    assertEquals(List.of(Capability.CAP_SYS_ADMIN, Capability.CAP_SYS_PTRACE),
        m.requiredCapabilities(KernelVersion.of("5.7.19"), "keylog"));
    assertEquals(List.of(Capability.CAP_SYS_ADMIN, Capability.CAP_SYS_PTRACE, Capability.CAP_NET_ADMIN),
        m.requiredCapabilities(KernelVersion.of("4.18"), "pcapng"));
    assertEquals("pcapng", m.canonicalMode("pcap").orElseThrow());
    assertTrue(m.canonicalMode("tcpdump").isEmpty());
  }

  @Test
  void loadsTheSameModelFromYaml() throws Exception {
    Path yaml = dir.resolve("model.yaml");
    Files.writeString(yaml, new com.fasterxml.jackson.dataformat.yaml.YAMLMapper().writeValueAsString(bundledTree()));
    RequirementModel m = ModelLoader.load(yaml);
    assertEquals(ModelLoader.documented().rules().size(), m.rules().size());
  }

  @Test
  void rejectsUnknownOperatorNamingFileAndRule() throws Exception {
    String msg = failureOf(tree -> ((ObjectNode) tree.withArray("rules").get(5).get("require")).put("op", "has"));
    assertTrue(msg.contains("model.json: rules[5] (id 'capability-granted').require.op: unknown operator 'has'"), msg);
  }

  @Test
  void rejectsUnknownFactNamingTheEntry() throws Exception {
    String msg = failureOf(tree -> ((ObjectNode) tree.withArray("rules").get(0).get("require")).put("fact", "kernel.vesion"));
    assertTrue(msg.contains("rules[0] (id 'kernel-supported').require.fact: unknown fact 'kernel.vesion'"), msg);
  }

  @Test
  void rejectsUnknownPlaceholderInRemediation() throws Exception {
    String msg = failureOf(tree -> ((ArrayNode) tree.withArray("rules").get(2).get("remediation")).add("rm {bianry}"));
    assertTrue(msg.contains("rules[2] (id 'binary-present').remediation: unknown placeholder {bianry}"), msg);
  }

  @Test
  void rejectsUnknownCapabilityAndBadKernelVersion() throws Exception {
    String caps = failureOf(tree -> ((ArrayNode) tree.withArray("capabilitySets").get(0).get("capabilities")).add("CAP_BPFF"));
    assertTrue(caps.contains("capabilitySets[0].capabilities: unknown capability 'CAP_BPFF'"), caps);
    String kernel = failureOf(tree -> ((ObjectNode) tree.withArray("capabilitySets").get(1)).put("kernelAtLeast", "five"));
    assertTrue(kernel.contains("capabilitySets[1].kernelAtLeast: not a kernel version: 'five'"), kernel);
  }

  @Test
  void rejectsDuplicateRuleIdsAndBadSeverity() throws Exception {
    String dup = failureOf(tree -> ((ObjectNode) tree.withArray("rules").get(1)).put("id", "kernel-supported"));
    assertTrue(dup.contains("rules[1] (id 'kernel-supported'): duplicate rule id"), dup);
    String sev = failureOf(tree -> ((ObjectNode) tree.withArray("rules").get(1)).put("severity", "fatal"));
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
    ModelException e = assertThrows(ModelException.class, () -> ModelLoader.load(dir.resolve("nope.json")));
    assertTrue(e.getMessage().endsWith("nope.json: model file not found"), e.getMessage());
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
