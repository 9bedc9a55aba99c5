package dev.capfleet.cli;

import dev.capfleet.core.BinaryPath;
import dev.capfleet.core.Capability;
import dev.capfleet.core.HostText;
import dev.capfleet.core.KernelVersion;
import dev.capfleet.core.Severity;
import dev.capfleet.model.CapabilitySet;
import dev.capfleet.model.RequirementModel;
import dev.capfleet.model.Rule;
import dev.capfleet.model.Snippets;
import java.io.PrintWriter;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code capfleet explain}: renders the model's requirements and deployment snippets. */
@Command(
    name = "explain",
    mixinStandardHelpOptions = true,
    description =
        "Show what eCapture needs for a kernel, architecture and mode, as text or a ready snippet.")
final class ExplainCommand extends BaseCommand {
  enum Format {
    text,
    setcap,
    docker,
    k8s
  }

  @Mixin ModelOption modelOption;

  @Option(
      names = "--kernel",
      paramLabel = "VERSION",
      description = "Kernel version, e.g. 5.4 (default: 6.1).")
  String kernel = "6.1";

  @Option(
      names = "--arch",
      description =
          "Architecture as uname -m prints it; the model's rules name the known "
              + "ones (default: ${DEFAULT-VALUE}).")
  String arch = "x86_64";

  @Option(names = "--mode", description = "text, keylog or pcapng (default: the model's).")
  String mode;

  @Option(
      names = "--module",
      description =
          "eCapture module: tls (default), gotls, gnutls, nss, bash, zsh, mysqld, postgres.")
  String module;

  @Option(
      names = "--binary",
      paramLabel = "PATH",
      description = "Binary path for the setcap line (default: the model's).")
  String binary;

  @Option(
      names = "--old-libcap",
      description = "Spell capabilities 38-40 as numbers, for libcap before 2.43.")
  boolean oldLibcap;

  @Option(
      names = "--format",
      description = "text, setcap, docker or k8s (default: ${DEFAULT-VALUE}).")
  Format format = Format.text;

  @Override
  public Integer call() {
    RequirementModel model = modelOption.load();
    KernelVersion k;
    try {
      k = KernelVersion.of(kernel);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--kernel: " + e.getMessage());
    }
    java.util.Set<String> arches = KernelSupport.architectures(model);
    if (!arches.isEmpty() && !arches.contains(arch)) {
      throw new UsageException(
          "--arch: unknown architecture '"
              + HostText.printable(arch)
              + "' (the model knows: "
              + String.join(", ", arches)
              + "; uname -m prints the name)");
    }
    String m = ModelOption.mode(model, mode, "--mode");
    java.util.List<dev.capfleet.assess.Finding> failures =
        KernelSupport.failures(model, k, arch, m);
    PrintWriter err = err();
    if (format != Format.text) {
      // a snippet alone on standard output stays pipeable; the warning that it cannot help goes
      // beside it
      failures.stream()
          .filter(f -> f.severity() == Severity.BLOCKER)
          .forEach(
              f ->
                  err.println(
                      "capfleet: warning: eCapture does not run on kernel "
                          + k
                          + " ("
                          + arch
                          + "): "
                          + f.detail()));
      err.flush();
    }
    String bin = binary == null ? model.defaultBinary() : binary;
    String problem = BinaryPath.problem(bin);
    if (problem != null) {
      throw new UsageException("--binary: " + problem);
    }
    String mod =
        module == null
            ? model.defaultModule()
            : model
                .canonicalModule(module)
                .orElseThrow(
                    () ->
                        new UsageException(
                            "--module: unknown module '"
                                + HostText.printable(module)
                                + "' (valid: "
                                + String.join(
                                    ", ", new java.util.TreeSet<>(model.modules().keySet()))
                                + ")"));
    Snippets snippets = new Snippets(model, mod);
    PrintWriter out = out();
    switch (format) {
      case setcap -> out.println(snippets.setcap(k, m, bin, !oldLibcap));
      case docker -> out.println(snippets.docker(k, m));
      case k8s -> out.print(snippets.kubernetes(k, m));
      case text -> text(out, model, snippets, k, m, bin, failures);
    }
    out.flush();
    return 0;
  }

  private void text(
      PrintWriter out,
      RequirementModel model,
      Snippets snippets,
      KernelVersion k,
      String m,
      String bin,
      java.util.List<dev.capfleet.assess.Finding> failures) {
    out.printf("%s (model %s %s)%n%n", model.title(), model.id(), model.version());
    boolean runs = failures.stream().noneMatch(f -> f.severity() == Severity.BLOCKER);
    if (!runs) {
      out.printf("eCapture does NOT run on kernel %s (%s):%n", k, arch);
    }
    for (var f : failures) {
      out.printf(
          "  %s: %s%n",
          f.severity() == Severity.BLOCKER ? "NOT_READY" : f.severity().id(), f.detail());
    }
    if (!failures.isEmpty()) {
      out.println(runs ? "" : "The capabilities below apply only once the kernel is supported.\n");
    }
    String revert = model.revertFromVersion(k);
    out.printf(
        "Kernel %s on %s, %s mode of the %s module needs: %s%n",
        k,
        arch,
        m,
        snippets.module(),
        snippets.setcapCapabilities(k, m).stream()
            .map(Capability::name)
            .collect(Collectors.joining(", ")));
    if ("unconfirmed".equals(revert)) {
      out.printf(
          "  (upstream %s predates the uprobe revert ba677dbe77af; a vendor kernel built after 2025-07-03 may"
              + " carry it: then use %s)%n",
          k,
          snippets.containerCapabilities(k, m).stream()
              .map(Capability::name)
              .collect(Collectors.joining(", ")));
    }
    out.printf("  %s%n  getcap %s%n%n", snippets.setcap(k, m, bin, !oldLibcap), bin);
    out.println("Capability sets in the model:");
    for (CapabilitySet s : model.capabilitySets()) {
      String range =
          (s.kernelAtLeast() == null ? "" : ">= " + s.kernelAtLeast())
              + (s.kernelBelow() == null ? "" : "< " + s.kernelBelow())
              + (s.capBpf() == null ? "" : s.capBpf() ? "CAP_BPF " : "no CAP_BPF ")
              + (s.uprobeRevert() == null ? "" : s.uprobeRevert() ? "" : "no revert");
      String modules =
          s.modules().isEmpty() ? "" : String.join("/", new java.util.TreeSet<>(s.modules())) + " ";
      out.printf(
          "  kernel %-20s %s%-14s %s%s%s%n",
          range.isBlank() ? "any" : range.trim(),
          modules,
          String.join("/", new java.util.TreeSet<>(s.modes())),
          s.capabilities().stream().map(Capability::name).collect(Collectors.joining(", ")),
          s.alternatives().stream()
              .map(
                  a ->
                      " | or " + a.stream().map(Capability::name).collect(Collectors.joining(", ")))
              .collect(Collectors.joining()),
          s.memlock() == null
              ? ""
              : " | + " + s.memlock().name() + " or an unlimited hard memlock limit");
      if (!s.evidence().isBlank()) {
        out.printf("      why: %s%n", s.evidence());
      }
    }
    out.println();
    for (var severity : dev.capfleet.core.Severity.values()) {
      out.printf(
          "%s rules:%n",
          switch (severity) {
            case BLOCKER -> "Blocking (NOT_READY)";
            case WARNING -> "Warning (READY_WITH_WARNINGS)";
            case INFO -> "Information";
          });
      for (Rule r : model.rules()) {
        if (r.severity() == severity) {
          out.printf("  %-38s %s%n", r.id(), r.title());
        }
      }
      out.println();
    }
    out.println("Best practices:");
    model.bestPractices().forEach(p -> out.println("  - " + p));
  }
}
