package dev.capfleet.cli;

import dev.capfleet.assess.Verdict;
import dev.capfleet.model.RequirementModel;
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

  /**
   * @param explicitKey the {@code --private-key} given on the command line, or null: a key given there that
   *     cannot be used is a usage error, found before the first host is contacted
   */
  int execute(List<HostJob> jobs, SshSettings settings, Path explicitKey, OutputOptions output, String baseName,
      Set<String> formats, PrintWriter out, PrintWriter err) throws InterruptedException {
    ProgressListener progress = System.console() != null ? new ProgressLine(err) : ProgressListener.NONE;
    List<HostReport> results;
    try (SshExecutor ssh = new SshExecutor(settings); LocalExecutor local = new LocalExecutor()) {
      boolean agent = settings.agentSocket() != null && java.nio.file.Files.exists(settings.agentSocket());
      KeyCheck.run(ssh, explicitKey, settings.identityFiles(), jobs, agent, err);
      FleetScanner scanner = new FleetScanner(ssh, local, new HostAuditor(model), limits, forks, Clock.systemUTC());
      try (Interruption stop = Interruption.install(scanner::stop)) {
        results = scanner.scan(jobs, progress);
        ScanReport report = ReportAssembler.assemble(VersionProvider.version(), model, kind, purpose, inventory,
            mode, limit, forks, started, Instant.now(), scanner.stopped(), results);
        List<Path> written = ReportOutput.write(report, output, baseName, formats, out);
        // with --out - standard output carries the report alone, so that it can be piped
        PrintWriter human = output.toStdout() ? err : out;
        human.print(dev.capfleet.report.ConsoleSummary.render(report, written));
        human.flush();
        stop.reportWritten();
      }
    }
    return ExitCode.forVerdicts(results.stream().map(HostReport::verdict).toList()).code();
  }
}
