package dev.capfleet.cli;

import dev.capfleet.core.HostText;
import dev.capfleet.report.HostReport;
import dev.capfleet.report.PlaybookWriter;
import dev.capfleet.report.ScanReport;
import dev.capfleet.report.ShellScriptWriter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code capfleet remediate}: turns a report's fixes into an Ansible playbook or a shell script.
 */
@Command(
    name = "remediate",
    mixinStandardHelpOptions = true,
    description = {
      "Write the fixes a report calls for as an Ansible playbook (one play per remediation action over "
          + "the hosts that need it, plus a cleanup play that runs only with --tags cleanup) or as a POSIX shell "
          + "script for one host.",
      "Both follow each host's ordered remediation steps in the report (the model's actions); review them "
          + "before running."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:written", "2:bad report file, unknown host, or output not writable"})
final class RemediateCommand extends BaseCommand {
  enum Format {
    ansible,
    sh
  }

  @Parameters(
      index = "0",
      paramLabel = "REPORT.json",
      description = "A report written by capfleet scan or merge.")
  Path report;

  @Option(
      names = "--format",
      required = true,
      paramLabel = "ansible|sh",
      description = "ansible: a playbook; sh: a shell script for the host named by --host.")
  Format format;

  @Option(
      names = "--host",
      paramLabel = "NAME",
      description = "Only this inventory host (required with --format sh).")
  String host;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description = "Write to FILE (whole or not at all) instead of standard output.")
  Path output;

  @Override
  public Integer call() {
    ScanReport r = ReportFile.read(report);
    if (format == Format.sh && host == null) {
      throw new UsageException("--format sh writes one host's script: name it with --host NAME");
    }
    HostReport chosen =
        host == null
            ? null
            : r.hosts().stream()
                .filter(h -> host.equals(h.name()))
                .findFirst()
                .orElseThrow(
                    () ->
                        new UsageException(
                            "no host '"
                                + HostText.printable(host)
                                + "' in "
                                + HostText.printable(report.toString())
                                + " (hosts: "
                                + r.hosts().stream()
                                    .limit(10)
                                    .map(h -> HostText.printable(h.name()))
                                    .collect(Collectors.joining(", "))
                                + (r.hosts().size() > 10 ? ", ..." : "")
                                + ")"));
    PrintWriter err = err();
    String text;
    if (format == Format.sh) {
      text = ShellScriptWriter.render(r, chosen);
    } else {
      PlaybookWriter.Result result = PlaybookWriter.render(r, host);
      for (String skipped : result.skippedHosts()) {
        err.println(
            "capfleet: left out host '"
                + HostText.printable(skipped)
                + "': its name is not a literal Ansible host pattern");
      }
      if (result.plays() == 0) {
        err.println(
            "capfleet: nothing to fix"
                + (host == null ? "" : " on " + HostText.printable(host))
                + ": the playbook has no plays");
      }
      text = result.yaml();
    }
    if (output == null) {
      PrintWriter out = out();
      out.print(text);
      out.flush();
    } else {
      ReportFile.write(output, text);
      if (format == Format.sh) {
        try {
          java.nio.file.Files.setPosixFilePermissions(
              output, PosixFilePermissions.fromString("rwx------"));
        } catch (java.io.IOException | UnsupportedOperationException e) {
          // the script stays readable; sh FILE runs it all the same
        }
      }
      err.println("capfleet: wrote " + HostText.printable(output.toString()));
    }
    err.flush();
    return ExitCode.OK.code();
  }
}
