/**
 * The report stage: the versioned JSON report and its schema ({@link
 * dev.capfleet.report.JsonReports}), the Excel workbook (the only package that imports Apache POI),
 * the self-contained HTML page ({@link dev.capfleet.report.HtmlReportWriter}), the JUnit XML for
 * CI, the console summary, the remediation playbook and shell script, and the {@code diff} and
 * {@code merge} of reports. Files are written whole or not at all ({@link
 * dev.capfleet.report.AtomicFiles}); every host value is written as a value, never as a formula,
 * markup or code. A host's entry is made here from its {@link dev.capfleet.assess.Assessment}
 * ({@link dev.capfleet.report.HostReport#assessed}) and every output builds its own rows from the
 * entries; scan only supplies what the probe saw.
 *
 * <p>Imports: core (verdicts, severities, host text, shell quoting) and assess (findings); nothing
 * of probe, transport, scan or cli.
 */
package dev.capfleet.report;
