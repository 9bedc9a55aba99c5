package dev.capfleet.cli;

import dev.capfleet.model.RequirementModel;
import dev.capfleet.report.ConsoleSummary;
import dev.capfleet.report.HostReport;
import dev.capfleet.report.ScanReport;
import dev.capfleet.scan.FleetScanner;
import dev.capfleet.scan.HostAuditor;
import dev.capfleet.scan.HostJob;
import dev.capfleet.scan.ProgressListener;
import dev.capfleet.scan.ReportAssembler;
import dev.capfleet.transport.ExecLimits;
import dev.capfleet.transport.LocalExecutor;
import dev.capfleet.transport.SshExecutor;
import dev.capfleet.transport.SshSettings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One fleet scan from planned jobs to written reports, shared by {@code scan} and {@code demo}: SSH fan-out,
 * progress on a terminal, interruption, report files, console summary and exit code.
 */
final class FleetRun {
  private final RequirementModel model;
  private final String kind;
  private final String purpose;
  private final String inventory;
  private final String mode;
  private final String limit;
  private final int forks;
  private final ExecLimits limits;
  private final Instant started;
  private ConsoleSummary.Detail detail = ConsoleSummary.Detail.NORMAL;
  private boolean showProgress;

  FleetRun(RequirementModel model, String kind, String purpose, String inventory, String mode, String limit,
      int forks, ExecLimits limits, Instant started) {
    this.model = model;
    this.kind = kind;
    this.purpose = purpose;
    this.inventory = inventory;
    this.mode = mode;
    this.limit = limit;
    this.forks = forks;
    this.limits = limits;
    this.started = started;
  }

  /** What the console shows: the summary's detail, and the progress line (a terminal on stderr, not -q). */
  FleetRun console(ConsoleSummary.Detail detail, Map<String, String> env) {
    this.detail = detail;
    this.showProgress = detail != ConsoleSummary.Detail.QUIET && Terminal.stderrIsTerminal(env);
    return this;
  }

  /**
   * @param explicitKey the {@code --private-key} given on the command line, or null: a key given there that
   *     cannot be used is a usage error, found before the first host is contacted
   */
  /** The scan's overall deadline, or null (the default) for none. */
  private java.time.Duration scanTimeout;

  FleetRun withScanTimeout(java.time.Duration timeout) {
    this.scanTimeout = timeout;
    return this;
  }

  int execute(List<HostJob> jobs, SshSettings settings, Path explicitKey, OutputOptions output, String baseName,
      Set<String> formats, PrintWriter out, PrintWriter err) throws InterruptedException {
    ProgressLine line = showProgress ? new ProgressLine(err) : null;
    ProgressListener progress = line != null ? line : ProgressListener.NONE;
    List<HostReport> results;
    try (SshExecutor ssh = new SshExecutor(settings); LocalExecutor local = new LocalExecutor()) {
      boolean agent = settings.agentSocket() != null && java.nio.file.Files.exists(settings.agentSocket());
      KeyCheck.run(ssh, explicitKey, settings.identityFiles(), jobs, agent, err);
      FleetScanner scanner = new FleetScanner(ssh, local, new HostAuditor(model), limits, forks, Clock.systemUTC());
      if (scanTimeout != null) {
        scanner.timeoutAfter(scanTimeout);
      }
      Runnable onSignal = () -> {
        if (line != null) {
          line.finish();
        }
        err.println("capfleet: interrupted: stopping; the hosts not finished are reported INCONCLUSIVE "
            + "(interrupted), then capfleet exits with " + ExitCode.INTERRUPTED.code() + " (Ctrl-C) or 143 (SIGTERM)");
        err.flush();
        scanner.stop();
      };
      try (Interruption stop = Interruption.install(onSignal)) {
        results = scanner.scan(jobs, progress);
        if (line != null) {
          line.finish();
        }
        ScanReport report = ReportAssembler.assemble(VersionProvider.version(), model, kind, purpose, inventory,
            mode, limit, forks, started, Instant.now(), scanner.stopped(), results);
        List<Path> written = ReportOutput.write(report, output, baseName, formats, out);
        // with --out - standard output carries the report alone, so that it can be piped
        PrintWriter human = output.toStdout() ? err : out;
        human.print(ConsoleSummary.render(report, written, detail));
        human.flush();
        stop.reportWritten();
      }
    }
    return ExitCode.forVerdicts(results.stream().map(HostReport::verdict).toList()).code();
  }
}
