package dev.capfleet.assess;

/**
 * The three-valued result of a condition: a fact that was not gathered makes it UNKNOWN, not false.
 */
enum Outcome {
  PASS,
  FAIL,
  UNKNOWN;

  static Outcome of(boolean b) {
    return b ? PASS : FAIL;
  }

  Outcome negate() {
    return switch (this) {
      case PASS -> FAIL;
      case FAIL -> PASS;
      case UNKNOWN -> UNKNOWN;
    };
  }
}
