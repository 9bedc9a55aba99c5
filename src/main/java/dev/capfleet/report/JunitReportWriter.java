package dev.capfleet.report;

import dev.capfleet.assess.Finding;
import dev.capfleet.core.Severity;
import dev.capfleet.core.Verdict;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes a report as JUnit XML for CI systems (Jenkins, GitLab): one testsuite per scan, one
 * testcase per host, a failure per failed blocker, an error for a host that was unreachable or
 * inconclusive. Warnings and the score go to the testcase's system-out, so a READY_WITH_WARNINGS
 * host passes but says why.
 */
public final class JunitReportWriter {
  private JunitReportWriter() {}

  public static Path write(ScanReport report, Path file) throws IOException {
    byte[] xml = render(report).getBytes(StandardCharsets.UTF_8);
    return AtomicFiles.write(file, out -> out.write(xml));
  }

  public static String render(ScanReport report) {
    List<HostReport> hosts = report.hosts() == null ? List.of() : report.hosts();
    int failures = 0;
    int errors = 0;
    long millis = 0;
    for (HostReport h : hosts) {
      failures += failedBlockers(h).isEmpty() || isError(h) ? 0 : 1;
      errors += isError(h) ? 1 : 0;
      millis += h.millis();
    }
    String suiteTime = seconds(report.scan() == null ? millis : report.scan().millis());
    StringWriter text = new StringWriter();
    try {
      XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(text);
      x.writeStartDocument("UTF-8", "1.0");
      x.writeCharacters("\n");
      x.writeStartElement("testsuites");
      x.writeAttribute("name", "capfleet");
      x.writeAttribute("tests", Integer.toString(hosts.size()));
      x.writeAttribute("failures", Integer.toString(failures));
      x.writeAttribute("errors", Integer.toString(errors));
      x.writeAttribute("time", suiteTime);
      x.writeCharacters("\n  ");
      x.writeStartElement("testsuite");
      String model =
          report.model() == null ? "" : " " + report.model().id() + " " + report.model().version();
      x.writeAttribute(
          "name",
          clean("capfleet " + (report.purpose() == null ? "readiness" : report.purpose()) + model));
      x.writeAttribute("tests", Integer.toString(hosts.size()));
      x.writeAttribute("failures", Integer.toString(failures));
      x.writeAttribute("errors", Integer.toString(errors));
      x.writeAttribute("skipped", "0");
      x.writeAttribute("time", suiteTime);
      if (report.generatedAt() != null) {
        x.writeAttribute("timestamp", clean(report.generatedAt()));
      }
      x.writeAttribute("package", "capfleet");
      properties(x, report);
      for (HostReport h : hosts) {
        testcase(x, h);
      }
      x.writeCharacters("\n  ");
      x.writeEndElement();
      x.writeCharacters("\n");
      x.writeEndElement();
      x.writeCharacters("\n");
      x.writeEndDocument();
      x.close();
    } catch (XMLStreamException e) {
      throw new IllegalStateException("cannot write JUnit XML: " + e.getMessage(), e);
    }
    return text.toString();
  }

  private static void properties(XMLStreamWriter x, ScanReport r) throws XMLStreamException {
    x.writeCharacters("\n    ");
    x.writeStartElement("properties");
    property(x, "tool", r.tool() == null ? null : r.tool().name() + " " + r.tool().version());
    property(x, "model", r.model() == null ? null : r.model().id() + " " + r.model().version());
    property(x, "purpose", r.purpose());
    property(x, "inventory", r.inventory());
    property(
        x,
        "fleetScore",
        r.summary() == null || r.summary().fleetScore() == null
            ? null
            : r.summary().fleetScore().toString());
    x.writeCharacters("\n    ");
    x.writeEndElement();
  }

  private static void property(XMLStreamWriter x, String name, String value)
      throws XMLStreamException {
    if (value == null) {
      return;
    }
    x.writeCharacters("\n      ");
    x.writeEmptyElement("property");
    x.writeAttribute("name", name);
    x.writeAttribute("value", clean(value));
  }

  private static void testcase(XMLStreamWriter x, HostReport h) throws XMLStreamException {
    x.writeCharacters("\n    ");
    x.writeStartElement("testcase");
    x.writeAttribute("name", clean(h.name()));
    List<String> groups = HostViews.groups(h);
    // Jenkins groups test cases by class name: the host's first inventory group, as a package-like
    // path
    x.writeAttribute(
        "classname", clean("capfleet" + (groups.isEmpty() ? "" : "." + groups.get(0))));
    x.writeAttribute("time", seconds(h.millis()));
    if (isError(h)) {
      x.writeCharacters("\n      ");
      x.writeStartElement("error");
      String kind = h.error() != null ? h.error().kind() : "inconclusive";
      x.writeAttribute("type", clean(kind));
      x.writeAttribute("message", clean(h.verdict() + ": " + HostViews.reason(h)));
      x.writeCharacters(clean(errorText(h)));
      x.writeEndElement();
    } else {
      for (Finding f : failedBlockers(h)) {
        x.writeCharacters("\n      ");
        x.writeStartElement("failure");
        x.writeAttribute("type", clean(f.id()));
        x.writeAttribute("message", clean(HostViews.findingTitle(f)));
        x.writeCharacters(clean(findingText(f)));
        x.writeEndElement();
      }
    }
    x.writeCharacters("\n      ");
    x.writeStartElement("system-out");
    x.writeCharacters(clean(systemOut(h)));
    x.writeEndElement();
    x.writeCharacters("\n    ");
    x.writeEndElement();
  }

  /**
   * UNREACHABLE and INCONCLUSIVE hosts could not be judged: an error, not a failure, as a test that
   * crashed.
   */
  static boolean isError(HostReport h) {
    return h.verdict() == Verdict.UNREACHABLE || h.verdict() == Verdict.INCONCLUSIVE;
  }

  static List<Finding> failedBlockers(HostReport h) {
    return HostViews.findings(h).stream().filter(Finding::failedBlocker).toList();
  }

  private static String errorText(HostReport h) {
    List<String> lines = new ArrayList<>();
    if (h.error() != null) {
      lines.add(h.error().kind() + ": " + h.error().message());
    }
    for (Finding f : HostViews.findings(h)) {
      if (f.severity() == Severity.BLOCKER) {
        lines.add(HostViews.findingTitle(f) + (f.detail() == null ? "" : ": " + f.detail()));
      }
    }
    return String.join("\n", lines);
  }

  private static String findingText(Finding f) {
    List<String> lines = new ArrayList<>();
    if (f.detail() != null) {
      lines.add(f.detail());
    }
    String evidence = HostViews.evidence(f);
    if (evidence != null) {
      lines.add("Evidence:\n" + evidence);
    }
    if (!f.remediation().isEmpty()) {
      lines.add("Remediation:\n" + String.join("\n", f.remediation()));
    }
    if (f.reference() != null) {
      lines.add("Reference: " + f.reference());
    }
    return String.join("\n", lines);
  }

  private static String systemOut(HostReport h) {
    List<String> lines = new ArrayList<>();
    lines.add(
        "verdict: " + h.verdict() + (h.score() == null ? "" : ", score " + h.score() + "/100"));
    if (h.kernel() != null && h.kernel().release() != null) {
      lines.add("kernel: " + h.kernel().release());
    }
    for (Finding f : HostViews.bySeverity(HostViews.findings(h))) {
      if (!f.failedBlocker()) {
        lines.add(HostViews.severity(f) + ": " + HostViews.findingTitle(f));
      }
    }
    List<String> remediation = HostViews.lines(h.remediation());
    if (!remediation.isEmpty()) {
      lines.add("remediation:");
      remediation.forEach(l -> lines.add("  " + l));
    }
    return String.join("\n", lines);
  }

  private static String seconds(long millis) {
    return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
  }

  private static String clean(String s) {
    return CellText.xmlSafe(s);
  }
}
