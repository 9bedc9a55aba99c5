package dev.capfleet.cli;

import dev.capfleet.model.RequirementModel;
import dev.capfleet.report.ConsoleSummary;
import dev.capfleet.scan.HostJob;
import dev.capfleet.scan.HostPlan;
import dev.capfleet.transport.ExecLimits;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code capfleet check --local}: the same probe and model on this machine, without SSH. */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description =
        "Check this machine (no SSH): run the probe locally, assess it, write the report.")
final class CheckCommand extends BaseCommand {
  @Mixin ModelOption modelOption;

  @Mixin OutputOptions output;

  @Mixin AssessOptions assess;

  @Mixin Verbosity verbosity;

  @Option(
      names = "--local",
      required = true,
      description = "Check this machine (the only target check knows).")
  boolean local;

  @Option(
      names = "--command-timeout",
      paramLabel = "SECONDS",
      description = "Probe time limit (default: ${DEFAULT-VALUE}).")
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
    // one host: its whole reason and failed findings are the answer, so check is verbose unless -q
    ConsoleSummary.Detail detail =
        verbosity.detail() == ConsoleSummary.Detail.NORMAL
            ? ConsoleSummary.Detail.VERBOSE
            : verbosity.detail();
    output.checkWritable();
    HostPlan plan =
        new HostPlan(
            hostName(),
            "local",
            null,
            System.getProperty("user.name"),
            List.of(),
            binary,
            mode,
            purpose,
            assess.windowUntil(),
            null,
            assess.module(model));
    ExecLimits limits = ExecLimits.DEFAULTS.withCommandTimeout(Duration.ofSeconds(commandTimeout));
    // the scan's path with one local job: same scanner, report files, summary and exit code, no SSH
    // client
    FleetRun run = new FleetRun(model, "check", purpose, null, mode, null, 1, limits, started);
    return run.console(detail, env())
        .execute(
            List.of(new HostJob(plan, null, true)),
            FleetRun.Reach.localOnly(),
            output,
            baseName,
            formats,
            out(),
            err());
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (java.io.IOException e) {
      return "localhost";
    }
  }
}
