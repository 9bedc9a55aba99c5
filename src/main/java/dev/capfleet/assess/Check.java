package dev.capfleet.assess;

/** How one rule (and item, for per-capability rules) came out: pass, fail, unknown or skipped. */
public record Check(String id, String item, String status) {}
