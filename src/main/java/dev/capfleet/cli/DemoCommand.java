package dev.capfleet.cli;

import dev.capfleet.demo.DemoFleet;
import dev.capfleet.inventory.Inventory;
import dev.capfleet.model.RequirementModel;
import dev.capfleet.scan.HostJob;
import dev.capfleet.scan.JobPlanner;
import dev.capfleet.transport.ExecLimits;
import dev.capfleet.transport.SshSettings;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code capfleet demo}: starts an embedded SSH fleet on loopback whose hosts answer with recorded
 * outputs of real systems, scans it through the same SSH path as a real scan (host keys verified,
 * keys authenticated), writes the reports, prints the summary and stops the fleet.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description =
        "Scan an embedded demo fleet of recorded real systems over real SSH, and write the reports.")
final class DemoCommand extends BaseCommand {
  @Mixin ModelOption modelOption;

  @Mixin OutputOptions output;

  @Mixin Verbosity verbosity;

  @Option(
      names = "--hosts",
      paramLabel = "N",
      description =
          "Generate N hosts cycling through the recordings "
              + "instead of the 16 described ones (for trying scale).")
  Integer hosts;

  @Option(
      names = "--latency-ms",
      paramLabel = "MS",
      description = "Delay every server write by MS (default: ${DEFAULT-VALUE}).")
  int latencyMs;

  @Option(
      names = {"-f", "--forks"},
      description = "Hosts probed at once (default: ${DEFAULT-VALUE}).")
  int forks = 50;

  // Hidden: the latency bench (bench/netns-latency.sh) serves the fleet from its own process inside
  // a network
  // namespace and scans it from another, so that the delay is a real network's and CPU is counted
  // per side.
  @Option(
      names = "--serve-only",
      hidden = true,
      paramLabel = "DIR",
      description =
          "Only serve the fleet, writing its inventory, known_hosts and key into DIR, until stdin ends.")
  Path serveOnly;

  @Option(
      names = "--network",
      hidden = true,
      paramLabel = "A.B",
      description = "With --serve-only: hosts on A.B.x.y.")
  String network;

  @Override
  public Integer call() throws Exception {
    if (serveOnly != null) {
      return serveOnly();
    }
    if (network != null) {
      throw new UsageException("--network only goes with --serve-only");
    }
    FleetRun.checkedForks(forks);
    RequirementModel model = modelOption.load();
    Instant started = Instant.now();
    String baseName = output.baseName(started);
    var formats = output.formats();
    verbosity.detail();
    output.checkWritable();
    PrintWriter out = out();
    PrintWriter err = err();
    Path work = Files.createTempDirectory("capfleet-demo-");
    // the folder holds the fleet's client key: remove it after a Ctrl-C too, before the JVM ends
    // (a resource closes before a finally clause runs: the deletion sits inside, so the hold
    // outlasts it)
    try (Interruption cleanup = Interruption.hold()) {
      try {
        return scan(work, model, started, baseName, formats, out, err);
      } finally {
        deleteTree(work);
      }
    }
  }

  private int scan(
      Path work,
      RequirementModel model,
      Instant started,
      String baseName,
      java.util.Set<String> formats,
      PrintWriter out,
      PrintWriter err)
      throws Exception {
    try (DemoFleet fleet =
        hosts == null && latencyMs == 0
            ? DemoFleet.start(work)
            : DemoFleet.start(work, hosts == null ? 16 : hosts, Duration.ofMillis(latencyMs))) {
      if (verbosity.detail() != dev.capfleet.report.ConsoleSummary.Detail.QUIET) {
        PrintWriter human =
            output.toStdout() ? err : out; // --out -: standard output carries the report alone
        human.printf(
            "Demo fleet: %d hosts on loopback, started in %d ms (inventory %s)%n",
            fleet.hosts().size(), fleet.startupTime().toMillis(), fleet.inventory());
        human.flush();
      }
      Inventory inv = Inventories.load(fleet.inventory(), err);
      JobPlanner planner =
          new JobPlanner(
              model,
              new JobPlanner.Defaults(
                  model.defaultBinary(),
                  model.defaultMode(),
                  "readiness",
                  fleet.user(),
                  fleet.clientKey(),
                  null));
      List<HostJob> jobs = planner.plan(inv.hosts());
      SshSettings settings =
          SshSettings.strict(fleet.knownHosts())
              .withDefaultUser(fleet.user())
              .withIdentityFiles(List.of(fleet.clientKey()));
      // short limits: one demo host hangs on purpose and must not hold the demo for a minute
      ExecLimits limits =
          ExecLimits.DEFAULTS
              .withConnectTimeout(Duration.ofSeconds(5))
              .withAuthTimeout(Duration.ofSeconds(5))
              .withCommandTimeout(Duration.ofSeconds(5))
              .withHostDeadline(Duration.ofSeconds(15));
      FleetRun run =
          new FleetRun(
              model,
              "demo",
              "readiness",
              "demo.ini (embedded fleet)",
              model.defaultMode(),
              null,
              forks,
              limits,
              started);
      return run.console(verbosity.detail(), env())
          .execute(jobs, FleetRun.Reach.ssh(settings, null), output, baseName, formats, out, err);
    }
  }

  /**
   * Serves until standard input ends (the bench closes it, or the process is killed), then stops
   * the fleet.
   */
  private int serveOnly() throws java.io.IOException {
    PrintWriter out = out();
    try (DemoFleet fleet =
        DemoFleet.start(
            serveOnly,
            hosts == null ? 16 : hosts,
            Duration.ofMillis(latencyMs),
            network == null ? "127.0" : network)) {
      out.printf(
          "serving %d hosts from %s, inventory %s%n",
          fleet.hosts().size(), fleet.hosts().get(0).address(), fleet.inventory());
      out.flush();
      while (System.in.read() >= 0) {
        // nothing to do: the fleet's threads serve; this one only waits for the end of input
      }
    }
    return 0;
  }

  private static void deleteTree(Path dir) {
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (java.io.IOException e) {
      // a leftover temporary folder is harmless
    }
  }
}
