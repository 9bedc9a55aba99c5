package dev.capfleet.assess;

/**
 * How one rule (and item, for per-capability rules) came out, and why, as kube-bench keeps state
 * and reason: for a failed check the finding's detail, for an unknown one the gaps of the facts it
 * lacked, for a skipped one that the rule does not apply, for a passed one a short confirmation.
 *
 * @param reason null only in reports written before schema 1.1
 */
public record Check(String id, String item, CheckStatus status, String reason) {}
