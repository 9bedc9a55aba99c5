package dev.capfleet.report;

import dev.capfleet.core.Verdict;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;

/**
 * Writes a report as one self-contained HTML page: inline style and script pinned by their SHA-256
 * in a strict Content-Security-Policy, nothing fetched from anywhere. Host and inventory values are
 * only ever escaped text or quoted attribute values; the script reads the page and carries no data,
 * so no host value meets a script.
 */
public final class HtmlReportWriter {
  static final String CSS = resource("report.css");
  static final String JS = resource("report.js");

  /**
   * Everything denied but the page's own style and script, by hash: an injected element could load
   * or run nothing.
   */
  static final String CSP =
      "default-src 'none'; style-src '"
          + sha256(CSS)
          + "'; script-src '"
          + sha256(JS)
          + "'; img-src 'none'; connect-src 'none'; base-uri 'none'; form-action 'none'";

  private HtmlReportWriter() {}

  public static Path write(ScanReport report, Path file) throws IOException {
    byte[] page = render(report).getBytes(StandardCharsets.UTF_8);
    return AtomicFiles.write(file, out -> out.write(page));
  }

  /**
   * The whole page; rendered in memory first so that a file or standard output gets all of it or
   * nothing.
   */
  public static String render(ScanReport report) {
    List<HostReport> hosts = report.hosts() == null ? List.of() : report.hosts();
    ScanReport.Summary summary =
        report.summary() != null ? report.summary() : ScanReport.Summary.of(hosts);
    StringBuilder b = new StringBuilder(8192 + hosts.size() * 3072);
    String model =
        report.model() == null ? "" : report.model().id() + " " + report.model().version();
    b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta http-equiv=\"Content-Security-Policy\" content=\"")
        .append(CSP)
        .append("\">\n")
        .append("<meta name=\"referrer\" content=\"no-referrer\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>capfleet report ")
        .append(HtmlText.escape(report.generatedAt()))
        .append("</title>\n")
        .append("<style>")
        .append(CSS)
        .append("</style>\n</head>\n<body>\n");
    b.append(
            "<header class=\"top\"><h1>capfleet report</h1><p class=\"subtitle\">Can eCapture run with the fewest "
                + "privileges on each host, and what must change where it cannot? Model ")
        .append(HtmlText.escape(model))
        .append(".</p></header>\n");
    HtmlSummary.write(b, report, summary, hosts);
    HtmlHostTable.write(b, hosts);
    b.append("<section id=\"details\"><h2>Hosts in detail</h2>\n");
    for (int i = 0; i < hosts.size(); i++) {
      HtmlHostDetail.write(b, i, hosts.get(i));
    }
    if (hosts.isEmpty()) {
      b.append("<p class=\"muted\">No hosts were scanned.</p>\n");
    }
    b.append("</section>\n");
    if (report.bestPractices() != null && !report.bestPractices().isEmpty()) {
      b.append("<section id=\"best-practices\"><h2>Best practices</h2><ul>\n");
      for (String p : report.bestPractices()) {
        b.append("<li>").append(HtmlText.escape(p)).append("</li>\n");
      }
      b.append("</ul></section>\n");
    }
    b.append("<script>").append(JS).append("</script>\n</body>\n</html>\n");
    return b.toString();
  }

  static String verdictBadge(Verdict v) {
    String name = v == null ? "UNKNOWN" : v.name();
    return "<span class=\"verdict v-" + name + "\">" + name + "</span>";
  }

  private static String resource(String name) {
    try (InputStream in = HtmlReportWriter.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A CSP source expression for an inline element's exact text. */
  static String sha256(String text) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return "sha256-" + Base64.getEncoder().encodeToString(d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
