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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one path from planned jobs to written reports, shared by {@code scan}, {@code demo} and
 * {@code check}: the scanner's fan-out (over SSH, or on this machine only), progress on a terminal,
 * interruption, report files, console summary and exit code. {@code merge}, which scans nothing,
 * ends through the same report writer and {@link #summarize}.
 */
final class FleetRun {
  /**
   * How the hosts are reached: SSH with these settings, or (settings null) this machine alone
   * through LocalExecutor, as {@code check --local} does.
   *
   * @param explicitKey the {@code --private-key} given on the command line, or null: a key given
   *     there that cannot be used is a usage error, found before the first host is contacted
   */
  record Reach(SshSettings settings, Path explicitKey) {
    static Reach ssh(SshSettings settings, Path explicitKey) {
      return new Reach(java.util.Objects.requireNonNull(settings), explicitKey);
    }

    static Reach localOnly() {
      return new Reach(null, null);
    }
  }

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

  /** The scan's overall deadline, or null (the default) for none. */
  private Duration scanTimeout;

  FleetRun(
      RequirementModel model,
      String kind,
      String purpose,
      String inventory,
      String mode,
      String limit,
      int forks,
      ExecLimits limits,
      Instant started) {
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

  /** {@code --forks} as scan and demo take it: a usage error outside 1-10000. */
  static int checkedForks(int forks) {
    if (forks < 1 || forks > 10_000) {
      throw new UsageException("--forks: must be between 1 and 10000, not " + forks);
    }
    return forks;
  }

  /**
   * What the console shows: the summary's detail, and the progress line (a terminal on stderr, not
   * -q).
   */
  FleetRun console(ConsoleSummary.Detail detail, Map<String, String> env) {
    this.detail = detail;
    this.showProgress = detail != ConsoleSummary.Detail.QUIET && Terminal.stderrIsTerminal(env);
    return this;
  }

  FleetRun withScanTimeout(Duration timeout) {
    this.scanTimeout = timeout;
    return this;
  }

  int execute(
      List<HostJob> jobs,
      Reach reach,
      OutputOptions output,
      String baseName,
      Set<String> formats,
      PrintWriter out,
      PrintWriter err)
      throws InterruptedException {
    ProgressLine line = showProgress ? new ProgressLine(err) : null;
    ProgressListener progress = line != null ? line : ProgressListener.NONE;
    List<HostReport> results;
    SshSettings settings = reach.settings();
    // a resource may be null: a local-only run opens no SSH client at all
    try (SshExecutor ssh = settings == null ? null : new SshExecutor(settings);
        LocalExecutor local = new LocalExecutor()) {
      if (ssh != null) {
        boolean agent = settings.agentSocket() != null && Files.exists(settings.agentSocket());
        KeyCheck.run(ssh, reach.explicitKey(), settings.identityFiles(), jobs, agent, err);
      }
      FleetScanner scanner =
          new FleetScanner(ssh, local, new HostAuditor(model), limits, forks, Clock.systemUTC());
      if (scanTimeout != null) {
        scanner.timeoutAfter(scanTimeout);
      }
      Runnable onSignal =
          () -> {
            if (line != null) {
              line.finish();
            }
            err.println(
                "capfleet: interrupted: stopping; the hosts not finished are reported INCONCLUSIVE "
                    + "(interrupted), then capfleet exits with "
                    + ExitCode.INTERRUPTED.code()
                    + " (Ctrl-C) or 143 (SIGTERM)");
            err.flush();
            scanner.stop();
          };
      try (Interruption stop = Interruption.install(onSignal)) {
        results = scanner.scan(jobs, progress);
        if (line != null) {
          line.finish();
        }
        ScanReport report =
            ReportAssembler.assemble(
                VersionProvider.version(),
                model,
                kind,
                purpose,
                inventory,
                mode,
                limit,
                forks,
                started,
                Instant.now(),
                scanner.stopped(),
                results);
        publish(report, output, baseName, formats, detail, out, err);
        stop.reportWritten();
      }
    }
    return ExitCode.forVerdicts(results.stream().map(HostReport::verdict).toList()).code();
  }

  /** Writes the finished report (whole or not at all) and prints the console summary. */
  static void publish(
      ScanReport report,
      OutputOptions output,
      String baseName,
      Set<String> formats,
      ConsoleSummary.Detail detail,
      PrintWriter out,
      PrintWriter err) {
    List<Path> written = ReportOutput.write(report, output, baseName, formats, out);
    // with --out - standard output carries the report alone, so that it can be piped
    summarize(report, written, detail, output.toStdout() ? err : out);
  }

  /** The console summary of a report already written to {@code written}. */
  static void summarize(
      ScanReport report, List<Path> written, ConsoleSummary.Detail detail, PrintWriter human) {
    human.print(ConsoleSummary.render(report, written, detail));
    human.flush();
  }
}
