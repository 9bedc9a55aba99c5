/**
 * The assess stage: scores one host's facts against the requirement model. {@link
 * dev.capfleet.assess.Assessor} evaluates every rule's conditions three-valued (a fact that could
 * not be read is <em>unknown</em>, never false), turns failed checks into {@link
 * dev.capfleet.assess.Finding}s, and derives the verdict, the score, the ordered remediation and
 * the cleanup reminders. Commands shown to people are rendered by {@link
 * dev.capfleet.assess.Templates}, which quotes each host value for the shell context it lands in.
 *
 * <p>Imports: core (the shared vocabulary), the model (what to check) and the facts the probe stage
 * produced; nothing of transport, scan, report or cli.
 */
package dev.capfleet.assess;
