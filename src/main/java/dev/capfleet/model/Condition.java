package dev.capfleet.model;

import java.util.List;
import java.util.Map;

/** A condition over named host facts, as written in the model file. */
public sealed interface Condition {
  /** Every part holds. */
  record All(List<Condition> parts) implements Condition {
    public All {
      parts = List.copyOf(parts);
    }
  }

  /** At least one part holds. */
  record Any(List<Condition> parts) implements Condition {
    public Any {
      parts = List.copyOf(parts);
    }
  }

  /** The part does not hold. */
  record Not(Condition part) implements Condition {}

  /**
   * One test of one fact.
   *
   * @param value the operand, a JSON value (string, number, boolean, list or object); may hold
   *     {@code {item}}
   * @param valueByArch operand per architecture; an architecture missing from it fails the test
   */
  record Test(String fact, Operator op, Object value, Map<String, Object> valueByArch)
      implements Condition {}
}
