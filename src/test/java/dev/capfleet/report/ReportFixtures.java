package dev.capfleet.report;

import dev.capfleet.assess.Check;
import dev.capfleet.assess.Finding;
import dev.capfleet.assess.RemediationPlanner;
import dev.capfleet.assess.RemediationStep;
import dev.capfleet.core.Capability;
import dev.capfleet.core.Verdict;
import dev.capfleet.model.ModelLoader;
import dev.capfleet.model.RequirementModel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Realistic reports for tests: every verdict, every severity, and hostile strings from hosts and
 * inventories.
 */
public final class ReportFixtures {
  public static final String BIN = "/usr/local/bin/ecapture";

  /**
   * The documented model (the fixtures use its rule ids), whose actions give each host its ordered
   * remediation.
   */
  static final RequirementModel MODEL = ModelLoader.documented();

  public static final String FORMULA = "=HYPERLINK(\"http://x\")";
  public static final String PLUS = "+1";
  public static final String AT = "@SUM(A1)";
  public static final String SHELL = "'; rm -rf / #";
  public static final String JINJA = "{{ lookup('pipe','id') }}";
  public static final String HOSTILE_PATH = "/opt/x'; rm -rf /; '/ecapture";
  public static final String LONG = "x".repeat(40_000);
  public static final List<String> REQUIRED = List.of("CAP_BPF", "CAP_PERFMON", "CAP_SYS_PTRACE");
  public static final List<String> BEST_PRACTICES =
      List.of(
          "Scope every capture to one process with --pid (kernel 5.2 or later).",
          "Restrict the binary to an audit group: sudo chown root:security-audit BIN && sudo chmod 0750 BIN.",
          "Remove the capabilities (sudo setcap -r BIN) or the binary when the capture window closes.");

  private ReportFixtures() {}

  /**
   * Eight hosts: two READY, one READY_WITH_WARNINGS, three NOT_READY (one hostile), one
   * INCONCLUSIVE, two UNREACHABLE.
   */
  public static ScanReport fleet() {
    return report(
        "2026-03-01T10:00:00Z",
        List.of(
            ready("web-01", "10.0.0.1"),
            ready("web-05", "10.0.0.5"),
            warnings("web-02"),
            notReadyMissingCaps("db-01"),
            notReadyOldLibcap("db-02"),
            hostile(),
            inconclusive("old-01"),
            unreachable("gone-01", "connection-refused", "Connection refused"),
            unreachable(
                "gone-02", "host-key-changed", "host key for gone-02 changed: SHA256:abc")));
  }

  public static ScanReport report(String generatedAt, List<HostReport> hosts) {
    return new ScanReport(
        ScanReport.SCHEMA_VERSION,
        new ScanReport.Tool("capfleet", "0.1.0"),
        generatedAt,
        "readiness",
        "inventories/prod.ini",
        new ScanReport.ModelRef("ecapture-minimum-privileges", "2026.11.1"),
        new ScanReport.ScanInfo("ssh", "text", "all", 10, generatedAt, generatedAt, 1234L, false),
        ScanReport.Summary.of(hosts),
        BEST_PRACTICES,
        hosts);
  }

  /** A large fleet with the same shapes repeated, for memory-bound tests. */
  public static ScanReport large(int count) {
    List<HostReport> hosts = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String name = String.format("node-%05d", i);
      hosts.add(
          switch (i % 4) {
            case 0 -> ready(name, "10.1." + (i / 250) + "." + (i % 250));
            case 1 -> warnings(name);
            case 2 -> notReadyMissingCaps(name);
            default -> unreachable(name, "timeout", "connect timed out after 10s");
          });
    }
    return report("2026-03-01T10:00:00Z", hosts);
  }

  public static Host host(String name) {
    return new Host(name);
  }

  public static HostReport ready(String name, String address) {
    return host(name)
        .address(address)
        .verdict(Verdict.READY)
        .score(100)
        .caps("cap_bpf,cap_perfmon,cap_sys_ptrace=eip", "CAP_BPF", "CAP_PERFMON", "CAP_SYS_PTRACE")
        .finding(info("btf-available", "BTF available (/sys/kernel/btf/vmlinux)", null))
        .cleanup()
        .build();
  }

  public static HostReport warnings(String name) {
    return host(name)
        .verdict(Verdict.READY_WITH_WARNINGS)
        .score(90)
        .mode("0755")
        .caps(
            "cap_bpf,cap_perfmon,cap_sys_admin,cap_sys_ptrace=eip",
            "CAP_BPF",
            "CAP_PERFMON",
            "CAP_SYS_ADMIN",
            "CAP_SYS_PTRACE")
        .finding(
            new Finding(
                "no-excess-capability",
                dev.capfleet.core.Severity.WARNING,
                dev.capfleet.assess.CheckStatus.FAIL,
                "No capability beyond the required set",
                BIN + " carries CAP_SYS_ADMIN, which text mode on kernel 6.1 does not need.",
                "CAP_SYS_ADMIN",
                Map.of("binary.caps.text", "cap_bpf,cap_perfmon,cap_sys_admin,cap_sys_ptrace=eip"),
                List.of(
                    "sudo setcap 'cap_bpf,cap_perfmon,cap_sys_ptrace=eip' " + BIN, "getcap " + BIN),
                "gojue/ecapture docs/minimum-privileges.md"))
        .finding(
            new Finding(
                "binary-not-executable-by-others",
                dev.capfleet.core.Severity.WARNING,
                dev.capfleet.assess.CheckStatus.FAIL,
                "Binary with capabilities not executable by others",
                BIN + " carries capabilities and has mode 0755.",
                null,
                Map.of("binary.mode", "0755", "binary.owner", "root", "binary.group", "root"),
                List.of("sudo chown root:security-audit " + BIN + " && sudo chmod 0750 " + BIN),
                "gojue/ecapture docs/minimum-privileges.md"))
        .remediation(
            "sudo setcap 'cap_bpf,cap_perfmon,cap_sys_ptrace=eip' " + BIN,
            "getcap " + BIN,
            "sudo chown root:security-audit " + BIN + " && sudo chmod 0750 " + BIN)
        .cleanup()
        .build();
  }

  public static HostReport notReadyMissingCaps(String name) {
    Host h =
        host(name)
            .verdict(Verdict.NOT_READY)
            .score(25)
            .caps("cap_sys_ptrace=eip", "CAP_SYS_PTRACE");
    for (String cap : List.of("CAP_BPF", "CAP_PERFMON")) {
      h.finding(
          granted(
              cap,
              "cap_sys_ptrace=eip",
              "sudo setcap 'cap_bpf,cap_perfmon,cap_sys_ptrace=eip' " + BIN));
    }
    return h.finding(
            new Finding(
                "debugfs-mounted",
                dev.capfleet.core.Severity.BLOCKER,
                dev.capfleet.assess.CheckStatus.FAIL,
                "debugfs mounted at /sys/kernel/debug",
                "debugfs is not mounted at /sys/kernel/debug.",
                null,
                Map.of("mounts.special", "bpf on /sys/fs/bpf"),
                List.of("sudo mount -t debugfs debugfs /sys/kernel/debug"),
                "gojue/ecapture docs/minimum-privileges.md"))
        .finding(
            info("memlock-unlimited", "Hard memlock limit unlimited for the audit account", "8192"))
        .remediation(
            "sudo setcap 'cap_bpf,cap_perfmon,cap_sys_ptrace=eip' " + BIN,
            "getcap " + BIN,
            "sudo mount -t debugfs debugfs /sys/kernel/debug")
        .cleanup()
        .build();
  }

  /**
   * Ubuntu 20.04 with a 5.15 HWE kernel: libcap 2.32 spells cap_perfmon and cap_bpf as 38 and 39.
   */
  public static HostReport notReadyOldLibcap(String name) {
    String fix = "sudo setcap 'cap_sys_ptrace,38,39=eip' " + BIN;
    return host(name)
        .verdict(Verdict.NOT_READY)
        .score(25)
        .kernel("5.15.0-91-generic", "5.15.0")
        .caps("", new String[0])
        .fact("libcapKnowsNewNames", false)
        .finding(granted("CAP_BPF", "", fix))
        .finding(granted("CAP_PERFMON", "", fix))
        .finding(granted("CAP_SYS_PTRACE", "", fix))
        .finding(
            new Finding(
                "bpffs-mounted",
                dev.capfleet.core.Severity.BLOCKER,
                dev.capfleet.assess.CheckStatus.FAIL,
                "bpffs mounted at /sys/fs/bpf",
                "The BPF filesystem is not mounted at /sys/fs/bpf.",
                null,
                Map.of("mounts.special", "none"),
                List.of("sudo mount -t bpf bpf /sys/fs/bpf"),
                "gojue/ecapture docs/minimum-privileges.md"))
        .finding(
            info(
                "libcap-knows-new-names",
                "libcap knows cap_perfmon, cap_bpf and cap_checkpoint_restore",
                "false"))
        .remediation(fix, "getcap " + BIN, "sudo mount -t bpf bpf /sys/fs/bpf")
        .cleanup()
        .build();
  }

  /**
   * A host whose inventory name, path and outputs are built to break spreadsheets, shells, YAML and
   * Jinja.
   */
  public static HostReport hostile() {
    return host(FORMULA)
        .address(PLUS)
        .user(AT)
        .verdict(Verdict.NOT_READY)
        .score(50)
        .binaryPath(HOSTILE_PATH)
        .kernel("6.1.0-13-amd64", "6.1.55")
        .caps("cap_sys_ptrace=eip" + "\n" + JINJA, "CAP_SYS_PTRACE")
        .finding(
            new Finding(
                "capability-granted",
                dev.capfleet.core.Severity.BLOCKER,
                dev.capfleet.assess.CheckStatus.FAIL,
                "Required capability set on the binary as effective and permitted",
                "CAP_BPF is missing\nsecond line " + JINJA + "\r\n" + SHELL,
                "CAP_BPF",
                Map.of("binary.caps.text", LONG, "note", "-2+3"),
                List.of("sudo setcap 'cap_bpf,cap_perfmon,cap_sys_ptrace=eip' " + HOSTILE_PATH),
                "gojue/ecapture docs/minimum-privileges.md"))
        .finding(
            new Finding(
                "no-excess-capability",
                dev.capfleet.core.Severity.WARNING,
                dev.capfleet.assess.CheckStatus.FAIL,
                "No capability beyond the required set",
                "\tcarries CAP_NET_RAW " + AT,
                "CAP_NET_RAW",
                Map.of(),
                List.of(),
                null))
        .finding(
            new Finding(
                "custom-rule",
                dev.capfleet.core.Severity.WARNING,
                dev.capfleet.assess.CheckStatus.FAIL,
                "A team's own rule " + JINJA,
                "detail",
                null,
                Map.of(),
                List.of("sudo touch /tmp/" + JINJA + SHELL),
                null))
        .remediation(
            "sudo setcap 'cap_bpf,cap_perfmon,cap_sys_ptrace=eip' " + HOSTILE_PATH,
            "getcap " + HOSTILE_PATH,
            "sudo touch /tmp/" + JINJA + SHELL)
        .cleanup()
        .error(null)
        .probe("getcap", 0, LONG, true)
        .build();
  }

  public static HostReport inconclusive(String name) {
    return host(name)
        .verdict(Verdict.INCONCLUSIVE)
        .score(90)
        .kernel("4.19.0-25-amd64", "4.19.289")
        .required("CAP_SYS_ADMIN", "CAP_SYS_PTRACE")
        .binaryPath(BIN)
        .caps(null, (String[]) null)
        .finding(
            new Finding(
                "libcap-tools-installed",
                dev.capfleet.core.Severity.BLOCKER,
                dev.capfleet.assess.CheckStatus.UNKNOWN,
                "Could not check: getcap and capsh are installed",
                "A fact this rule needs could not be gathered: libcap.installed: getcap timed out",
                null,
                Map.of("libcap.installed", "unknown (getcap timed out)"),
                List.of(),
                "capfleet"))
        .finding(
            new Finding(
                "kernel-supports-pid-filter",
                dev.capfleet.core.Severity.WARNING,
                dev.capfleet.assess.CheckStatus.FAIL,
                "Kernel 5.2 or later: --pid and --uid filters work",
                "On kernel 4.19.289 (< 5.2) eCapture ignores --pid.",
                null,
                Map.of("kernel.version", "4.19.289"),
                List.of("# upgrade to kernel 5.2 or later to scope capture with --pid/--uid"),
                "env-detection"))
        .remediation("# upgrade to kernel 5.2 or later to scope capture with --pid/--uid")
        .error(new HostReport.HostError("command-timeout", "getcap did not answer within 30s"))
        .probe("getcap", null, "", true)
        .build();
  }

  public static HostReport unreachable(String name, String kind, String message) {
    return new HostReport(
        name,
        name + ".example.net",
        22,
        "audit",
        List.of(),
        Verdict.UNREACHABLE,
        null,
        "text",
        null,
        null,
        null,
        List.of(),
        List.of(),
        null,
        List.of(),
        Map.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        new HostReport.HostError(kind, message),
        Map.of(),
        10_000L);
  }

  static Finding granted(String cap, String seen, String fix) {
    return new Finding(
        "capability-granted",
        dev.capfleet.core.Severity.BLOCKER,
        dev.capfleet.assess.CheckStatus.FAIL,
        "Required capability set on the binary as effective and permitted",
        cap
            + " is required for text mode on kernel 6.1 but is not in the file capabilities of "
            + BIN
            + " with both e and p flags (getcap shows: "
            + seen
            + ").",
        cap,
        Map.of(
            "binary.caps.text",
            seen,
            "required.capabilities",
            "CAP_BPF,CAP_PERFMON,CAP_SYS_PTRACE"),
        List.of(fix, "getcap " + BIN),
        "gojue/ecapture docs/minimum-privileges.md");
  }

  static Finding info(String id, String title, String seen) {
    return new Finding(
        id,
        dev.capfleet.core.Severity.INFO,
        dev.capfleet.assess.CheckStatus.FAIL,
        title,
        title + " is not the case here.",
        null,
        seen == null ? Map.of() : Map.of("value", seen),
        List.of(),
        "env-detection");
  }

  /** A mutable builder for one host; defaults describe a Debian 12 host in text mode. */
  public static final class Host {
    private final String name;
    private String address;
    private String user = "audit";
    private List<String> groups;
    private Verdict verdict = Verdict.READY;
    private Integer score = 100;
    private HostReport.Kernel kernel =
        new HostReport.Kernel("6.1.0-13-amd64", "6.1.55", "/proc/version");
    private String binaryPath = BIN;
    private String binaryMode = "0750";
    private List<String> caps = List.of();
    private String capsText = "";
    private List<String> required = REQUIRED;
    private final Map<String, Object> facts = new LinkedHashMap<>();
    private final List<Finding> findings = new ArrayList<>();
    private final List<String> remediation = new ArrayList<>();
    private final List<String> cleanup = new ArrayList<>();
    private HostReport.HostError error;
    private final Map<String, HostReport.ProbeRecord> probes = new LinkedHashMap<>();

    Host(String name) {
      this.name = name;
      this.address = name + ".example.net";
      // As a fleet names them: web-01 is in group web (and prod, as every fixture host is).
      this.groups =
          java.util.stream.Stream.of(
                  name.contains("-") ? name.substring(0, name.indexOf('-')) : name, "prod")
              .sorted()
              .toList();
      facts.put("libcapKnowsNewNames", true);
    }

    public Host address(String a) {
      address = a;
      return this;
    }

    public Host groups(String... g) {
      groups = List.of(g);
      return this;
    }

    public Host user(String u) {
      user = u;
      return this;
    }

    public Host verdict(Verdict v) {
      verdict = v;
      return this;
    }

    public Host score(Integer s) {
      score = s;
      return this;
    }

    public Host mode(String m) {
      binaryMode = m;
      return this;
    }

    public Host kernel(String release, String version) {
      kernel = new HostReport.Kernel(release, version, "uname -r");
      return this;
    }

    public Host binaryPath(String p) {
      binaryPath = p;
      return this;
    }

    public Host required(String... names) {
      required = List.of(names);
      return this;
    }

    public Host caps(String text, String... names) {
      capsText = text;
      caps = names == null ? null : List.of(names);
      return this;
    }

    public Host fact(String key, Object value) {
      facts.put(key, value);
      return this;
    }

    public Host finding(Finding f) {
      findings.add(f);
      return this;
    }

    public Host remediation(String... lines) {
      remediation.addAll(List.of(lines));
      return this;
    }

    /** The model's cleanup lines for this host's binary. */
    public Host cleanup() {
      cleanup.add("sudo setcap -r " + binaryPath);
      cleanup.add(
          "# Remove the capabilities (or the binary) when the capture window closes; verify with: getcap "
              + binaryPath);
      return this;
    }

    public Host error(HostReport.HostError e) {
      error = e;
      return this;
    }

    public Host probe(String section, Integer exit, String output, boolean truncated) {
      probes.put(section, new HostReport.ProbeRecord(exit, output, truncated, 12L));
      return this;
    }

    public HostReport build() {
      var binary =
          new HostReport.Binary(
              binaryPath,
              true,
              binaryMode,
              "root",
              "root",
              caps,
              capsText == null || capsText.isEmpty()
                  ? null
                  : capsText.substring(capsText.lastIndexOf('=') + 1),
              "/",
              List.of("rw", "relatime"));
      var mounts =
          List.of(new HostReport.MountLine("bpf", "/sys/fs/bpf", "bpf", List.of("rw", "nosuid")));
      List<Check> checks =
          List.of(
              new Check(
                  "kernel-supported",
                  null,
                  dev.capfleet.assess.CheckStatus.PASS,
                  "met: Kernel version supported by eCapture"));
      RemediationPlanner.Plan plan =
          new RemediationPlanner(MODEL).plan(findings, words(), caps != null && !caps.isEmpty());
      List<RemediationStep> steps = new ArrayList<>(plan.steps());
      if (plan.cleanupStep() != null) {
        steps.add(plan.cleanupStep());
      }
      return new HostReport(
          name,
          address,
          22,
          user,
          groups,
          verdict,
          score,
          "text",
          kernel,
          "x86_64",
          binary,
          required,
          List.of("CAP_BPF", "CAP_PERFMON", "CAP_SYS_PTRACE", "CAP_SYS_ADMIN"),
          false,
          mounts,
          Map.copyOf(facts),
          List.copyOf(findings),
          List.copyOf(remediation),
          List.copyOf(cleanup),
          steps,
          checks,
          error,
          Map.copyOf(probes),
          842L);
    }

    /**
     * The words the assessment would give this host: its binary and the required set as setcap
     * spells it.
     */
    private Map<String, String> words() {
      boolean newNames = !Boolean.FALSE.equals(facts.get("libcapKnowsNewNames"));
      Map<String, String> w = new LinkedHashMap<>();
      w.put("binary", binaryPath);
      w.put("arch", "x86_64");
      if (required != null && !required.isEmpty()) {
        w.put(
            "required.setcap",
            String.join(
                ",",
                required.stream()
                    .map(c -> Capability.parse(c).orElseThrow().setcapToken(newNames))
                    .toList()));
        w.put(
            "required.getcap",
            required.stream()
                .map(c -> Capability.parse(c).orElseThrow())
                .sorted(Comparator.comparingInt(Capability::number))
                .map(c -> c.setcapToken(newNames))
                .collect(Collectors.joining(",")));
      }
      return w;
    }
  }
}
