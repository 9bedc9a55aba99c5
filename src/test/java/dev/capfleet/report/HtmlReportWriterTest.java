package dev.capfleet.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.capfleet.assess.Finding;
import dev.capfleet.core.Verdict;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The page's text: a strict CSP pinned to its own style and script, nothing external, every host
 * value escaped.
 */
class HtmlReportWriterTest {
  @Test
  void cspPinsTheInlineStyleAndScriptByHashAndAllowsNothingElse() {
    String page = HtmlReportWriter.render(ReportFixtures.fleet());
    Matcher csp =
        Pattern.compile("<meta http-equiv=\"Content-Security-Policy\" content=\"([^\"]+)\">")
            .matcher(page);
    assertTrue(csp.find());
    String policy = csp.group(1);
    assertTrue(policy.startsWith("default-src 'none'; "), policy);
    assertFalse(policy.contains("unsafe"), policy);
    Matcher style = Pattern.compile("<style>(.*?)</style>", Pattern.DOTALL).matcher(page);
    Matcher script = Pattern.compile("<script>(.*?)</script>", Pattern.DOTALL).matcher(page);
    assertTrue(style.find() && script.find());
    assertTrue(
        policy.contains("style-src '" + HtmlReportWriter.sha256(style.group(1)) + "'"), policy);
    assertTrue(
        policy.contains("script-src '" + HtmlReportWriter.sha256(script.group(1)) + "'"), policy);
    assertFalse(script.find(), "one script element");
    assertFalse(page.contains(" style=\""), "a style attribute would be blocked by the CSP");
    assertFalse(
        Pattern.compile("(src|href)=\"(https?:)?//").matcher(page).find(),
        "nothing is loaded from anywhere");
  }

  @Test
  void hostValuesAreEscapedInTextAndAttributes() {
    String evil = "\"><img src=x onerror=alert(1)>'</script>";
    HostReport h =
        ReportFixtures.host(evil)
            .verdict(Verdict.NOT_READY)
            .score(5)
            .kernel(evil, "6.1.0")
            .finding(
                new Finding(
                    "x",
                    dev.capfleet.core.Severity.BLOCKER,
                    dev.capfleet.assess.CheckStatus.FAIL,
                    "t",
                    evil,
                    null,
                    Map.of("k", evil),
                    List.of(evil),
                    null))
            .remediation("sudo chmod 0750 " + evil)
            .build();
    String page =
        HtmlReportWriter.render(ReportFixtures.report("2026-03-01T10:00:00Z", List.of(h)));
    assertFalse(page.contains(evil));
    assertFalse(page.contains("<img"));
    assertEquals(1, page.split("</script>", -1).length - 1, "only the page's own script ends");
    assertTrue(
        page.contains(
            "data-copy=\"sudo chmod 0750 &quot;&gt;&lt;img src=x onerror=alert(1)&gt;&#39;&lt;/script&gt;\""));
  }

  @Test
  void onlyHttpReferencesOfTheModelBecomeLinks() {
    assertTrue(HostViews.linkable("https://github.com/gojue/ecapture/blob/master/README.md"));
    assertFalse(HostViews.linkable("gojue/ecapture docs/minimum-privileges.md"));
    assertFalse(HostViews.linkable("javascript:alert(1)"));
    assertFalse(HostViews.linkable("https://x.example/\" onmouseover=\"x"));
    String page = HtmlReportWriter.render(ReportFixtures.fleet());
    assertFalse(page.contains("<a href=\"gojue"), "a reference that is no URL stays text");
  }

  @Test
  void findingsAreListedBlockersFirstAndPhrasedAsFindings() {
    String page =
        HtmlReportWriter.render(
            ReportFixtures.report(
                "2026-03-01T10:00:00Z", List.of(ReportFixtures.notReadyMissingCaps("db-01"))));
    int blocker = page.indexOf("Not met: debugfs mounted at /sys/kernel/debug");
    int info = page.indexOf("Not met: Hard memlock limit unlimited");
    assertTrue(blocker > 0 && info > blocker, "blocker before info");
  }

  @Test
  void docDriftNotesAreShownApartFromFindingsAndCounted() {
    Finding drift =
        new Finding(
            "doc-drift",
            dev.capfleet.core.Severity.INFO,
            dev.capfleet.assess.CheckStatus.FAIL,
            "eCapture's documentation would judge this host " + "differently",
            "The docs say READY with CAP_BPF, CAP_PERFMON; this kernel requires CAP_SYS_ADMIN.",
            null,
            Map.of("documented.verdict", "READY"),
            List.of(),
            "capfleet shared/ecapture-truth.md");
    HostReport h =
        ReportFixtures.host("web-07").verdict(Verdict.NOT_READY).score(75).finding(drift).build();
    String page =
        HtmlReportWriter.render(
            ReportFixtures.report(
                "2026-03-01T10:00:00Z", List.of(h, ReportFixtures.ready("web-01", "10.0.0.1"))));
    assertTrue(
        page.contains(
            "<div class=\"drift\"><strong>Documentation drift: eCapture&#39;s documentation would "
                + "judge this host differently</strong><br>The docs say READY"),
        page);
    assertTrue(page.contains("Documentation drift on 1 host</strong>"));
    assertFalse(page.contains("Not met: eCapture"), "a drift note is no failed rule");
    assertFalse(
        HtmlReportWriter.render(ReportFixtures.fleet()).contains("doc-drift-count"),
        "no drift, no count");
  }
}
