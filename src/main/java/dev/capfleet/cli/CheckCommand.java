package dev.capfleet.cli;

import dev.capfleet.core.HostText;
import dev.capfleet.model.RequirementModel;
import dev.capfleet.report.HostReport;
import dev.capfleet.report.ScanReport;
import dev.capfleet.scan.FleetScanner;
import dev.capfleet.scan.HostAuditor;
import dev.capfleet.scan.HostJob;
import dev.capfleet.scan.HostPlan;
import dev.capfleet.scan.ProgressListener;
import dev.capfleet.scan.ReportAssembler;
import dev.capfleet.transport.ExecLimits;
import dev.capfleet.transport.LocalExecutor;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code capfleet check --local}: the same probe and model on this machine, without SSH. */
@Command(name = "check", mixinStandardHelpOptions = true,
    description = "Check this machine (no SSH): run the probe locally, assess it, write the report.")
final class CheckCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  ModelOption modelOption;

  @Mixin
  OutputOptions output;

  @Mixin
  AssessOptions assess;

  @Option(names = "--local", required = true, description = "Check this machine (the only target check knows).")
  boolean local;

  @Option(names = "--command-timeout", paramLabel = "SECONDS", description = "Probe time limit (default: ${DEFAULT-VALUE}).")
  int commandTimeout = 60;

  @Override
  public Integer call() throws Exception {
    RequirementModel model = modelOption.load();
    String mode = ModelOption.mode(model, assess.mode, "--mode");
    String binary = assess.binary(model);
    String purpose = assess.purpose();
    Instant started = Instant.now();
    String baseName = output.baseName(started);
    var formats = output.formats();
    output.checkWritable();
    String host = hostName();
    HostPlan plan = new HostPlan(host, "local", null, System.getProperty("user.name"), List.of(), binary,
        mode, purpose, assess.windowUntil(), null, assess.module(model));
    List<HostReport> hosts;
    try (LocalExecutor runner = new LocalExecutor()) {
      ExecLimits limits = ExecLimits.DEFAULTS.withCommandTimeout(java.time.Duration.ofSeconds(commandTimeout));
      FleetScanner scanner = new FleetScanner(null, runner, new HostAuditor(model), limits, 1, Clock.systemUTC());
      hosts = scanner.scan(List.of(new HostJob(plan, null, true)), ProgressListener.NONE);
    }
    Instant finished = Instant.now();
    ScanReport report = ReportAssembler.assemble(VersionProvider.version(), model, "check", purpose, null, mode,
        null, 1, started, finished, false, hosts);
    List<Path> written = ReportOutput.write(report, output, baseName, formats, spec.commandLine().getOut());
    // with --out - standard output carries the report alone, so that it can be piped
    PrintWriter out = output.toStdout() ? spec.commandLine().getErr() : spec.commandLine().getOut();
    HostReport h = hosts.get(0);
    out.printf("%s: %s (score %s) for eCapture in %s mode at %s%n", h.name(), h.verdict(),
        h.score() == null ? "-" : h.score(), mode, binary);
    if (h.kernel() != null) {
      out.printf("kernel %s (%s), needs %s%n", HostText.printable(h.kernel().release()), h.arch(),
          String.join(", ", h.requiredCapabilities()));
    }
    h.findings().forEach(f -> out.printf("  [%s] %s%s%n", f.severity(), f.title(),
        f.capability() == null ? "" : ": " + f.capability()));
    if (!h.remediation().isEmpty()) {
      out.println("Remediation:");
      h.remediation().forEach(c -> out.println("  " + c));
    }
    if (!h.cleanup().isEmpty()) {
      out.println("Cleanup when done:");
      h.cleanup().forEach(c -> out.println("  " + c));
    }
    if (h.error() != null) {
      out.printf("error: %s: %s%n", h.error().kind(), h.error().message());
    }
    written.forEach(p -> out.println("report: " + p));
    out.flush();
    return ExitCode.forVerdicts(List.of(h.verdict())).code();
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (java.io.IOException e) {
      return "localhost";
    }
  }
}
