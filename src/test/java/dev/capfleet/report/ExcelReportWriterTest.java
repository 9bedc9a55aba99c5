package dev.capfleet.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.capfleet.core.Severity;
import dev.capfleet.core.Verdict;
import dev.capfleet.report.ExcelStyles.Look;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.PaneInformation;
import org.apache.poi.xssf.usermodel.XSSFCell;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExcelReportWriterTest {
  @TempDir Path dir;

  XSSFWorkbook written(ScanReport r) throws IOException {
    Path file = ExcelReportWriter.write(r, dir.resolve("fleet.xlsx"));
    return new XSSFWorkbook(Files.newInputStream(file));
  }

  @Test
  void moreHostsThanASheetHoldsIsAClearErrorAndNoWorkbook() {
    // the same host a million times: the check runs before any row, so this costs one reference per
    // host
    ScanReport r =
        ReportFixtures.report(
            "2026-03-01T10:00:00Z",
            java.util.Collections.nCopies(1_048_576, ReportFixtures.ready("web-01", "10.0.0.1")));
    Path file = dir.resolve("huge.xlsx");
    IOException e = assertThrows(IOException.class, () -> ExcelReportWriter.write(r, file));
    assertEquals(
        "the workbook's Hosts sheet would need 1048577 rows and Excel holds 1048576; write the JSON report"
            + " only (--format json) or scan in parts (--shard K/N)",
        e.getMessage());
    assertFalse(Files.exists(file));
  }

  static List<String> row(XSSFSheet s, int r) {
    List<String> out = new ArrayList<>();
    Row row = s.getRow(r);
    for (int i = 0; i < row.getLastCellNum(); i++) {
      Cell c = row.getCell(i);
      out.add(
          c == null
              ? ""
              : c.getCellType() == CellType.NUMERIC
                  ? String.valueOf((int) c.getNumericCellValue())
                  : c.getStringCellValue());
    }
    return out;
  }

  static Map<String, Integer> columns(XSSFSheet s) {
    Map<String, Integer> m = new HashMap<>();
    List<String> h = row(s, 0);
    for (int i = 0; i < h.size(); i++) {
      m.put(h.get(i), i);
    }
    return m;
  }

  @Test
  void writesTheSixSheetsInOrder() throws IOException {
    try (XSSFWorkbook wb = written(ReportFixtures.fleet())) {
      List<String> names = new ArrayList<>();
      wb.forEach(s -> names.add(s.getSheetName()));
      assertEquals(
          List.of("Summary", "Hosts", "Findings", "Remediation", "Cleanup", "Unreachable"), names);
    }
  }

  @Test
  void dataSheetsHaveFrozenFilteredHeaderRows() throws IOException {
    try (XSSFWorkbook wb = written(ReportFixtures.fleet())) {
      for (String name : List.of("Hosts", "Findings", "Remediation", "Cleanup", "Unreachable")) {
        XSSFSheet s = wb.getSheet(name);
        PaneInformation pane = s.getPaneInformation();
        assertNotNull(pane, name);
        assertTrue(pane.isFreezePane(), name);
        assertEquals(1, pane.getHorizontalSplitPosition(), name);
        assertTrue(s.getCTWorksheet().isSetAutoFilter(), name);
        String ref = s.getCTWorksheet().getAutoFilter().getRef();
        assertTrue(ref.startsWith("A1:"), name + " " + ref);
        assertTrue(s.getRow(0).getCell(0).getCellStyle().getFont().getBold(), name);
        assertTrue(s.getColumnWidth(0) > 10 * 256, name);
      }
      assertEquals(
          List.of(
              "Host",
              "Address",
              "Verdict",
              "Score",
              "Reason",
              "Groups",
              "Kernel",
              "Arch",
              "Mode",
              "Missing capabilities",
              "Excess capabilities",
              "Binary",
              "File capabilities",
              "Error",
              "Scan time (s)"),
          row(wb.getSheet("Hosts"), 0));
      assertEquals(
          List.of(
              "Host",
              "Rule",
              "Severity",
              "Status",
              "Finding",
              "Detail",
              "Capability",
              "Evidence",
              "Remediation",
              "Reference"),
          row(wb.getSheet("Findings"), 0));
    }
  }

  @Test
  void hostsSheetSaysWhyAndInWhichGroupsForEveryHostThatIsNotClean() throws IOException {
    ScanReport r = ReportFixtures.fleet();
    try (XSSFWorkbook wb = written(r)) {
      XSSFSheet s = wb.getSheet("Hosts");
      Map<String, Integer> col = columns(s);
      for (int i = 0; i < r.hosts().size(); i++) {
        HostReport h = r.hosts().get(i);
        List<String> cells = row(s, i + 1);
        String reason = col.get("Reason") < cells.size() ? cells.get(col.get("Reason")) : "";
        assertEquals(h.verdict() == Verdict.READY, reason.isEmpty(), h.name() + ": " + reason);
        assertEquals(String.join(", ", h.groups()), cells.get(col.get("Groups")), h.name());
      }
      assertEquals(
          "Not met: Required capability set on the binary as effective and permitted (CAP_BPF)",
          row(s, 4).get(col.get("Reason")));
      assertEquals("connection-refused: Connection refused", row(s, 8).get(col.get("Reason")));
      assertEquals("db, prod", row(s, 4).get(col.get("Groups")));
    }
  }

  @Test
  void findingsAreSortedBySeverityThenHostAndPhrasedAsFindings() throws IOException {
    try (XSSFWorkbook wb = written(ReportFixtures.fleet())) {
      XSSFSheet s = wb.getSheet("Findings");
      List<Integer> ranks = new ArrayList<>();
      for (int r = 1; r <= s.getLastRowNum(); r++) {
        ranks.add(
            HostViews.severityRank(
                Severity.parse(s.getRow(r).getCell(2).getStringCellValue()).orElseThrow()));
      }
      List<Integer> sorted = new ArrayList<>(ranks);
      sorted.sort(null);
      assertEquals(sorted, ranks);
      assertEquals("blocker", s.getRow(1).getCell(2).getStringCellValue());
      assertEquals(
          "Not met: Required capability set on the binary as effective and permitted (CAP_BPF)",
          s.getRow(1).getCell(4).getStringCellValue());
      assertEquals(
          "db-01", s.getRow(1).getCell(0).getStringCellValue(), "first host in report order");
    }
  }

  @Test
  void topFindingsRankBlockersBeforeMoreFrequentInfo() {
    List<HostReport> hosts = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      hosts.add(ReportFixtures.ready("web-0" + i, "10.0.0." + i)); // each with an info finding
    }
    hosts.add(ReportFixtures.notReadyMissingCaps("db-01"));
    List<TopFindings.Top> top = TopFindings.of(hosts, 10);
    assertEquals(Severity.BLOCKER, top.get(0).severity());
    assertEquals(Severity.INFO, top.get(top.size() - 1).severity());
    assertEquals(
        "Not met: Required capability set on the binary as effective and permitted",
        top.get(0).title());
  }

  @Test
  void numbersAreNumericCellsWithFormatsAndModelReferencesAreLinks() throws IOException {
    HostReport linked =
        ReportFixtures.host("db-09")
            .verdict(Verdict.NOT_READY)
            .score(40)
            .finding(
                new dev.capfleet.assess.Finding(
                    "kernel-supported",
                    dev.capfleet.core.Severity.BLOCKER,
                    dev.capfleet.assess.CheckStatus.FAIL,
                    "Kernel supported",
                    "old",
                    null,
                    Map.of(),
                    List.of(),
                    "https://github.com/gojue/ecapture#requirements"))
            .build();
    List<HostReport> hosts = new ArrayList<>(ReportFixtures.fleet().hosts());
    hosts.add(linked);
    try (XSSFWorkbook wb = written(ReportFixtures.report("2026-03-01T10:00:00Z", hosts))) {
      XSSFSheet h = wb.getSheet("Hosts");
      Map<String, Integer> col = columns(h);
      XSSFCell score = h.getRow(1).getCell(col.get("Score"));
      assertEquals(CellType.NUMERIC, score.getCellType());
      assertEquals("0", score.getCellStyle().getDataFormatString());
      XSSFCell time = h.getRow(1).getCell(col.get("Scan time (s)"));
      assertEquals(0.842, time.getNumericCellValue(), 1e-9);
      assertEquals("0.0", time.getCellStyle().getDataFormatString());
      XSSFSheet sum = wb.getSheet("Summary");
      boolean share = false;
      boolean duration = false;
      for (Row r : sum) {
        Cell label = r.getCell(0);
        if (label != null
            && label.getCellType() == CellType.STRING
            && label.getStringCellValue().equals("NOT_READY")) {
          assertEquals(CellType.NUMERIC, r.getCell(2).getCellType());
          assertEquals(4.0 / 10, r.getCell(2).getNumericCellValue(), 1e-9);
          assertEquals("0%", r.getCell(2).getCellStyle().getDataFormatString());
          share = true;
        }
        if (label != null
            && label.getCellType() == CellType.STRING
            && label.getStringCellValue().equals("Duration (s)")) {
          assertEquals(1.234, r.getCell(1).getNumericCellValue(), 1e-9);
          duration = true;
        }
      }
      assertTrue(share && duration);
      XSSFSheet f = wb.getSheet("Findings");
      int ref = columns(f).get("Reference");
      int links = 0;
      for (int r = 1; r <= f.getLastRowNum(); r++) {
        XSSFCell c = f.getRow(r).getCell(ref);
        if (c != null && c.getHyperlink() != null) {
          links++;
          assertEquals(
              "https://github.com/gojue/ecapture#requirements", c.getHyperlink().getAddress());
        }
      }
      assertEquals(
          1, links, "only the http reference is a link; 'gojue/ecapture docs/...' stays text");
    }
  }

  @Test
  void rowCountsFollowTheReport() throws IOException {
    ScanReport r = ReportFixtures.fleet();
    int findings = r.hosts().stream().mapToInt(h -> h.findings().size()).sum();
    int steps = r.hosts().stream().mapToInt(h -> h.remediation().size()).sum();
    long cleanup = r.hosts().stream().filter(h -> !h.cleanup().isEmpty()).count();
    try (XSSFWorkbook wb = written(r)) {
      assertEquals(r.hosts().size(), wb.getSheet("Hosts").getLastRowNum());
      assertEquals(findings, wb.getSheet("Findings").getLastRowNum());
      assertEquals(steps, wb.getSheet("Remediation").getLastRowNum());
      assertEquals(cleanup, wb.getSheet("Cleanup").getLastRowNum());
      assertEquals(2, wb.getSheet("Unreachable").getLastRowNum());
      assertEquals(
          List.of(
              "gone-02",
              "gone-02.example.net:22",
              "host-key-changed",
              "host key for gone-02 changed: SHA256:abc"),
          row(wb.getSheet("Unreachable"), 2));
    }
  }

  @Test
  void hostRowShowsMissingAndExcessCapabilitiesFromFindings() throws IOException {
    try (XSSFWorkbook wb = written(ReportFixtures.fleet())) {
      XSSFSheet s = wb.getSheet("Hosts");
      Map<String, Integer> col = columns(s);
      List<String> db = row(s, 4);
      assertEquals("db-01", db.get(0));
      assertEquals("CAP_BPF, CAP_PERFMON", db.get(col.get("Missing capabilities")));
      List<String> web = row(s, 3);
      assertEquals("CAP_SYS_ADMIN", web.get(col.get("Excess capabilities")));
      assertEquals(
          "CAP_BPF, CAP_PERFMON, CAP_SYS_ADMIN, CAP_SYS_PTRACE (eip)",
          web.get(col.get("File capabilities")));
      assertEquals(90, (int) s.getRow(3).getCell(col.get("Score")).getNumericCellValue());
      assertEquals(null, s.getRow(8).getCell(col.get("Score")), "unreachable host has no score");
    }
  }

  @Test
  void verdictAndSeverityCellsCarryTheirFillColours() throws IOException {
    try (XSSFWorkbook wb = written(ReportFixtures.fleet())) {
      XSSFSheet hosts = wb.getSheet("Hosts");
      for (int r = 1; r <= hosts.getLastRowNum(); r++) {
        XSSFCell c = hosts.getRow(r).getCell(2);
        Look look = ExcelStyles.of(Verdict.valueOf(c.getStringCellValue()));
        assertArrayEquals(
            ExcelStyles.rgb(ExcelStyles.fill(look)),
            c.getCellStyle().getFillForegroundColorColor().getRGB(),
            c.getStringCellValue());
      }
      XSSFSheet findings = wb.getSheet("Findings");
      for (int r = 1; r <= findings.getLastRowNum(); r++) {
        XSSFCell c = findings.getRow(r).getCell(2);
        assertArrayEquals(
            ExcelStyles.rgb(
                ExcelStyles.fill(
                    ExcelStyles.ofSeverity(Severity.parse(c.getStringCellValue()).orElseThrow()))),
            c.getCellStyle().getFillForegroundColorColor().getRGB());
      }
    }
  }

  @Test
  void hostileStringsAreQuotePrefixedTextNeverFormulas() throws IOException {
    try (XSSFWorkbook wb = written(ReportFixtures.fleet())) {
      List<String> hostile =
          List.of(ReportFixtures.FORMULA, ReportFixtures.PLUS, ReportFixtures.AT, "-2+3");
      int seen = 0;
      for (var sheet : wb) {
        for (Row row : sheet) {
          for (Cell c : row) {
            assertFalse(
                c.getCellType() == CellType.FORMULA, sheet.getSheetName() + " " + c.getAddress());
            if (c.getCellType() != CellType.STRING) {
              continue;
            }
            String v = c.getStringCellValue();
            boolean formulaLike = !v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0;
            assertEquals(
                formulaLike,
                ((XSSFCellStyle) c.getCellStyle()).getQuotePrefixed(),
                sheet.getSheetName() + " " + c.getAddress() + " " + v);
            if (hostile.stream().anyMatch(v::startsWith)) {
              seen++;
            }
          }
        }
      }
      assertTrue(seen >= 6, "hostile cells seen: " + seen);
      XSSFCell name = wb.getSheet("Hosts").getRow(6).getCell(0);
      assertEquals(ReportFixtures.FORMULA, name.getStringCellValue());
      assertEquals(CellType.STRING, name.getCellType());
      assertTrue(name.getCellStyle().getQuotePrefixed());
    }
  }

  @Test
  void valuesLongerThanExcelAllowsAreCutWithAMarker() throws IOException {
    try (XSSFWorkbook wb = written(ReportFixtures.fleet())) {
      XSSFSheet s = wb.getSheet("Findings");
      String longest = "";
      for (Row row : s) {
        for (Cell c : row) {
          if (c.getCellType() == CellType.STRING
              && c.getStringCellValue().length() > longest.length()) {
            longest = c.getStringCellValue();
          }
        }
      }
      assertEquals(CellText.EXCEL_MAX, longest.length());
      assertTrue(
          longest.endsWith("characters in all, see the JSON report]"), longest.substring(32_600));
    }
  }

  @Test
  void summaryHasTotalsChartMetadataAndLinksToEverySheet() throws IOException {
    try (XSSFWorkbook wb = written(ReportFixtures.fleet())) {
      XSSFSheet s = wb.getSheet("Summary");
      Map<String, String> links = new HashMap<>();
      s.getHyperlinkList()
          .forEach(
              l ->
                  links.put(
                      s.getRow(l.getFirstRow()).getCell(l.getFirstColumn()).getStringCellValue(),
                      l.getAddress()));
      assertEquals(
          Map.of(
              "Hosts",
              "'Hosts'!A1",
              "Findings",
              "'Findings'!A1",
              "Remediation",
              "'Remediation'!A1",
              "Cleanup",
              "'Cleanup'!A1",
              "Unreachable",
              "'Unreachable'!A1"),
          links);
      assertEquals(1, s.getDrawingPatriarch().getCharts().size());
      Map<String, String> pairs = new HashMap<>();
      for (Row r : s) {
        if (r.getCell(0) != null
            && r.getCell(1) != null
            && r.getCell(0).getCellType() == CellType.STRING) {
          Cell v = r.getCell(1);
          pairs.putIfAbsent(
              r.getCell(0).getStringCellValue(),
              v.getCellType() == CellType.NUMERIC
                  ? String.valueOf((int) v.getNumericCellValue())
                  : v.getStringCellValue());
        }
      }
      assertEquals("9", pairs.get("Hosts"));
      assertEquals("2", pairs.get("READY"));
      assertEquals("3", pairs.get("NOT_READY"));
      assertEquals("2", pairs.get("UNREACHABLE"));
      assertEquals("ecapture-minimum-privileges 2026.11.1", pairs.get("Requirement model"));
      assertEquals(
          "capability-granted",
          pairs.keySet().stream()
              .filter(k -> k.equals("capability-granted"))
              .findFirst()
              .orElse(null),
          "top findings list the most frequent rule");
      assertEquals(
          ReportFixtures.fleet().summary().fleetScore() + "", pairs.get("Fleet score (0-100)"));
    }
  }

  @Test
  void failedWriteLeavesTheEarlierFileAndNoTemporaryFile() throws IOException {
    Path file = ExcelReportWriter.write(ReportFixtures.fleet(), dir.resolve("fleet.xlsx"));
    byte[] before = Files.readAllBytes(file);
    List<HostReport> good = ReportFixtures.fleet().hosts();
    List<HostReport> failing =
        new AbstractList<>() {
          @Override
          public HostReport get(int i) {
            if (i == 5) {
              throw new IllegalStateException("disk gone");
            }
            return good.get(i);
          }

          @Override
          public int size() {
            return good.size();
          }
        };
    ScanReport broken =
        new ScanReport(
            ScanReport.SCHEMA_VERSION,
            null,
            "2026-03-02T00:00:00Z",
            null,
            null,
            null,
            null,
            ScanReport.Summary.of(good),
            null,
            failing);
    assertThrows(IllegalStateException.class, () -> ExcelReportWriter.write(broken, file));
    assertArrayEquals(before, Files.readAllBytes(file));
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(file), files.toList());
    }
  }

  @Test
  void streamsTenThousandHosts() throws Exception {
    Path file = ExcelReportWriter.write(ReportFixtures.large(10_000), dir.resolve("big.xlsx"));
    // read back as XML streams: loading 10,000 rows into XSSF would cost more than the write being
    // tested
    try (var pkg =
        org.apache.poi.openxml4j.opc.OPCPackage.open(
            file.toFile(), org.apache.poi.openxml4j.opc.PackageAccess.READ)) {
      var sheets =
          (org.apache.poi.xssf.eventusermodel.XSSFReader.SheetIterator)
              new org.apache.poi.xssf.eventusermodel.XSSFReader(pkg).getSheetsData();
      Map<String, String> xml = new HashMap<>();
      while (sheets.hasNext()) {
        try (var in = sheets.next()) {
          xml.put(
              sheets.getSheetName(),
              new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        }
      }
      assertEquals(10_001, rows(xml.get("Hosts")));
      assertEquals(2_501, rows(xml.get("Unreachable")));
      assertTrue(xml.get("Hosts").contains("<row r=\"10001\""));
      assertTrue(xml.get("Hosts").contains("node-09999"));
    }
  }

  static int rows(String sheetXml) {
    return sheetXml.split("<row ", -1).length - 1;
  }
}
