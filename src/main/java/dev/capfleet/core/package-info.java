/**
 * The vocabulary every stage shares: {@link dev.capfleet.core.Capability} and {@link
 * dev.capfleet.core.KernelVersion} (what the probe reads and the model is written in), {@link
 * dev.capfleet.core.Verdict} and {@link dev.capfleet.core.Severity} (what assess decides and report
 * shows), the facts by name ({@link dev.capfleet.core.Facts}: one typed {@link
 * dev.capfleet.core.Fact} key per fact, with its kind, the {@link dev.capfleet.core.ProbeGap} that
 * explains it and where the report shows it; {@link dev.capfleet.core.Mount} is the one structured
 * fact value), and the one home of each rule that used to be written twice and drift: {@link
 * dev.capfleet.core.HostText} for host-supplied text, {@link dev.capfleet.core.ShellQuote} for
 * shell words, {@link dev.capfleet.core.BinaryPath}, {@link dev.capfleet.core.BaseName} and {@link
 * dev.capfleet.core.SpecialFilesystems}. Keeping these out of probe lets model, report and demo
 * depend on the words without depending on the parsers.
 *
 * <p>Imports: nothing of the project (and no library), so every stage may import it without a cycle
 * ({@code PackageImportsTest} checks both walls).
 */
package dev.capfleet.core;
