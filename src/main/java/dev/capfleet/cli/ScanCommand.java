package dev.capfleet.cli;

import dev.capfleet.inventory.AnsibleConfig;
import dev.capfleet.inventory.Host;
import dev.capfleet.inventory.Inventory;
import dev.capfleet.inventory.Shard;
import dev.capfleet.model.RequirementModel;
import dev.capfleet.scan.ConnectionConfig;
import dev.capfleet.scan.HostJob;
import dev.capfleet.scan.JobPlanner;
import dev.capfleet.scan.TargetNames;
import dev.capfleet.transport.ExecLimits;
import dev.capfleet.transport.SshSettings;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code capfleet scan}: probe every inventory host over SSH in parallel, assess, and write the
 * reports.
 */
@Command(
    name = "scan",
    mixinStandardHelpOptions = true,
    description =
        "Scan the hosts of an Ansible inventory over SSH and report, per host, whether eCapture can "
            + "run there with the fewest privileges and what must change.")
final class ScanCommand extends BaseCommand {
  @Mixin ModelOption modelOption;

  @Mixin OutputOptions output;

  @Mixin AssessOptions assess;

  @Mixin ConnectionOptions connection;

  @Mixin InventoryOptions inventory;

  @Mixin SshConfigOption sshConfig;

  @Mixin Verbosity verbosity;

  @Option(
      names = "--allow-empty",
      description =
          "Exit 0 when the inventory or --limit selects no host (default: "
              + "a scan of zero hosts is an error, exit 2, so that a CI gate cannot pass on an empty inventory).")
  boolean allowEmpty;

  @Option(
      names = {"-l", "--limit"},
      paramLabel = "PATTERN",
      description = "Ansible host pattern (web:&prod, !db*, ~regex).")
  String limit;

  // -T/--timeout is Ansible's connect timeout; this one bounds the whole scan (cron jobs)
  @Option(
      names = "--scan-timeout",
      paramLabel = "SECONDS",
      description =
          "Overall deadline for the scan: hosts "
              + "not finished by then are reported INCONCLUSIVE (scan-timeout) and the report is written whole.")
  Integer scanTimeout;

  @Option(
      names = "--shard",
      paramLabel = "K/N",
      description =
          "Scan only shard K of N (1-based): the hosts whose "
              + "name hashes to K, a stable split that N scanners cover exactly once; combine their reports with capfleet merge.")
  String shard;

  @Option(
      names = {"-f", "--forks"},
      description = "Hosts probed at once (default: ${DEFAULT-VALUE}).")
  int forks = 256;

  @Override
  public Integer call() throws Exception {
    Map<String, String> env = env();
    AnsibleConfig config = Inventories.config(env);
    forks =
        AnsibleDefaults.apply(
            config, spec.commandLine().getParseResult(), connection, forks, err());
    RequirementModel model = modelOption.load();
    String mode = ModelOption.mode(model, assess.mode, "--mode");
    String binary = assess.binary(model);
    String purpose = assess.purpose();
    FleetRun.checkedForks(forks);
    Instant started = Instant.now();
    String baseName = output.baseName(started);
    var formats = output.formats();
    List<String> sources = inventory.sources(config.inventory());
    Inventory inv = Inventories.load(inventory, config, err());
    List<Host> selected = Inventories.select(inv, limit, err());
    Shard part = shard();
    List<Host> hosts = part == null ? selected : part.select(selected);
    if (hosts.isEmpty() && !allowEmpty) {
      // exit 2, not 0: a CI gate must not pass because the inventory or the pattern selected
      // nothing
      throw new UsageException(
          !selected.isEmpty()
              ? "no hosts to scan: shard "
                  + part
                  + " holds none of the "
                  + selected.size()
                  + " hosts; give --allow-empty to exit 0"
              : Inventories.noHosts(
                  InventoryOptions.describe(sources), limit, inv.hosts().isEmpty()));
    }
    output.checkWritable();
    if (connection.user != null && TargetNames.userProblem(connection.user) != null) {
      throw new UsageException("-u: " + TargetNames.userProblem(connection.user));
    }
    ExecLimits limits = connection.limits(forks, Runtime.getRuntime().maxMemory(), err());
    SshSettings settings = connection.settings(env, err());
    ConnectionConfig reach =
        new ConnectionConfig(
            sshConfig.load(env),
            config.sshArgs(),
            Inventories.remotePort(config),
            System.getProperty("user.name"),
            connection.knownHosts != null,
            spec.commandLine().getParseResult().hasMatchedOption("-T")
                || config.timeout().isPresent());
    JobPlanner planner =
        new JobPlanner(
            model,
            new JobPlanner.Defaults(
                binary,
                mode,
                purpose,
                connection.user,
                connection.privateKey,
                assess.windowUntil(),
                assess.module(model)),
            reach);
    List<HostJob> jobs = planner.plan(hosts);

    String subset = part == null ? limit : (limit == null ? "" : limit + " ") + "shard " + part;
    FleetRun run =
        new FleetRun(
            model,
            "scan",
            purpose,
            InventoryOptions.describe(sources),
            mode,
            subset,
            forks,
            limits,
            started);
    if (scanTimeout != null) {
      if (scanTimeout < 1) {
        throw new UsageException("--scan-timeout: must be at least 1 second");
      }
      run.withScanTimeout(java.time.Duration.ofSeconds(scanTimeout));
    }
    return run.console(verbosity.detail(), env)
        .execute(
            jobs,
            FleetRun.Reach.ssh(settings, connection.privateKey),
            output,
            baseName,
            formats,
            out(),
            err());
  }

  private Shard shard() {
    try {
      return shard == null ? null : Shard.parse(shard);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--shard: " + e.getMessage());
    }
  }
}
