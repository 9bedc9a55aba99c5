package dev.capfleet.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.capfleet.core.Verdict;
import java.io.StringReader;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * JUnit XML: validated against the Jenkins xUnit plugin's junit-10.xsd
 * (src/test/resources/junit/README.md).
 */
class JunitReportWriterTest {
  static Schema schema() throws SAXException {
    URL xsd = JunitReportWriterTest.class.getResource("/junit/junit-10.xsd");
    SchemaFactory f = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
    return f.newSchema(xsd);
  }

  /** Validates against the schema and parses; any schema violation fails the calling test. */
  static Document validated(String xml) throws Exception {
    schema().newValidator().validate(new StreamSource(new StringReader(xml)));
    DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
    dbf.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return dbf.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
  }

  @Test
  void fleetReportValidatesWithATestcasePerHostAFailurePerBlockerAndAnErrorPerUnjudgedHost()
      throws Exception {
    ScanReport r = ReportFixtures.fleet();
    Document d = validated(JunitReportWriter.render(r));
    Element suites = d.getDocumentElement();
    assertEquals("testsuites", suites.getTagName());
    NodeList suite = suites.getElementsByTagName("testsuite");
    assertEquals(1, suite.getLength(), "one testsuite per scan");
    NodeList cases = d.getElementsByTagName("testcase");
    assertEquals(r.hosts().size(), cases.getLength());
    for (int i = 0; i < cases.getLength(); i++) {
      Element c = (Element) cases.item(i);
      HostReport h = r.hosts().get(i);
      assertEquals(h.name(), c.getAttribute("name"));
      int blockers =
          (int)
              h.findings().stream()
                  .filter(
                      f ->
                          f.severity() == dev.capfleet.core.Severity.BLOCKER
                              && f.status() == dev.capfleet.assess.CheckStatus.FAIL)
                  .count();
      boolean unjudged = h.verdict() == Verdict.UNREACHABLE || h.verdict() == Verdict.INCONCLUSIVE;
      assertEquals(
          unjudged ? 0 : blockers, c.getElementsByTagName("failure").getLength(), h.name());
      assertEquals(unjudged ? 1 : 0, c.getElementsByTagName("error").getLength(), h.name());
      assertEquals(1, c.getElementsByTagName("system-out").getLength());
    }
    long notReady = r.hosts().stream().filter(h -> h.verdict() == Verdict.NOT_READY).count();
    long unjudged =
        r.hosts().stream()
            .filter(h -> h.verdict() == Verdict.UNREACHABLE || h.verdict() == Verdict.INCONCLUSIVE)
            .count();
    Element s = (Element) suite.item(0);
    assertEquals(Long.toString(notReady), s.getAttribute("failures"));
    assertEquals(Long.toString(unjudged), s.getAttribute("errors"));
    assertEquals(Integer.toString(r.hosts().size()), s.getAttribute("tests"));
    assertEquals(
        "capfleet.db",
        ((Element) cases.item(3)).getAttribute("classname"),
        "grouped by inventory group");
  }

  @Test
  void failureNamesTheRuleAndTheFindingAndCarriesEvidenceAndFix() throws Exception {
    Document d =
        validated(
            JunitReportWriter.render(
                ReportFixtures.report(
                    "2026-03-01T10:00:00Z", List.of(ReportFixtures.notReadyMissingCaps("db-01")))));
    Element failure = (Element) d.getElementsByTagName("failure").item(0);
    assertEquals("capability-granted", failure.getAttribute("type"));
    assertEquals(
        "Not met: Required capability set on the binary as effective and permitted (CAP_BPF)",
        failure.getAttribute("message"));
    assertTrue(
        failure
            .getTextContent()
            .contains("sudo setcap 'cap_bpf,cap_perfmon,cap_sys_ptrace=eip' " + ReportFixtures.BIN),
        failure.getTextContent());
    Element error =
        (Element)
            validated(
                    JunitReportWriter.render(
                        ReportFixtures.report(
                            "2026-03-01T10:00:00Z",
                            List.of(
                                ReportFixtures.unreachable(
                                    "gone-01", "connection-refused", "Connection refused")))))
                .getElementsByTagName("error")
                .item(0);
    assertEquals("connection-refused", error.getAttribute("type"));
    assertEquals(
        "UNREACHABLE: connection-refused: Connection refused", error.getAttribute("message"));
  }

  @Test
  void hostileAndControlCharactersStayValidXmlAndComeBackAsWritten() throws Exception {
    HostReport h =
        ReportFixtures.host("a<b>&\"c'\u0001\u001b]0;x\u0007")
            .verdict(Verdict.NOT_READY)
            .score(1)
            .finding(ReportFixtures.granted("CAP_BPF", "]]> </failure>", "x"))
            .build();
    Document d =
        validated(
            JunitReportWriter.render(ReportFixtures.report("2026-03-01T10:00:00Z", List.of(h))));
    Element c = (Element) d.getElementsByTagName("testcase").item(0);
    assertEquals("a<b>&\"c'\uFFFD\uFFFD]0;x\uFFFD", c.getAttribute("name"));
    assertTrue(
        c.getElementsByTagName("failure").item(0).getTextContent().contains("]]> </failure>"));
  }

  @Test
  void emptyScanIsAValidSuiteOfNoTests() throws Exception {
    Document d =
        validated(
            JunitReportWriter.render(ReportFixtures.report("2026-03-01T10:00:00Z", List.of())));
    assertEquals(
        "0", ((Element) d.getElementsByTagName("testsuite").item(0)).getAttribute("tests"));
  }

  @Test
  void schemaRefusesWhatIsNotJunit() {
    // the validation above could not pass by accident: a testcase without its required name is
    // refused
    assertThrows(
        SAXException.class,
        () ->
            validated(
                "<testsuites><testsuite name=\"x\" tests=\"1\" failures=\"0\" "
                    + "errors=\"0\"><testcase/></testsuite></testsuites>"));
  }

  @Test
  void writesTheFileWhole(@TempDir Path dir) throws Exception {
    Path f = JunitReportWriter.write(ReportFixtures.fleet(), dir.resolve("r.junit.xml"));
    validated(Files.readString(f));
    assertEquals(List.of(f), Files.list(dir).toList(), "no temporary file left");
  }
}
