package dev.capfleet.assess;

/**
 * The two per-capability rules whose failures the workbook's host rows list as "missing" and
 * "excess" capabilities. Rule ids belong to the models; this is the one place outside them that
 * names any, so report code names none, and {@code CapabilityRulesTest} fails when a bundled model
 * renames or drops either rule (the columns would otherwise go quietly empty).
 */
public final class CapabilityRules {
  /** Fails once per required capability the binary does not carry as effective and permitted. */
  public static final String GRANTED = "capability-granted";

  /** Fails once per capability on the binary that eCapture cannot use. */
  public static final String EXCESS = "no-excess-capability";

  private CapabilityRules() {}
}
