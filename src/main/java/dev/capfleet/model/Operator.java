package dev.capfleet.model;

import java.util.Arrays;
import java.util.Optional;

/**
 * The operators a model condition may use; what each means is implemented by the assessment stage.
 */
public enum Operator {
  EQ("eq", true),
  NE("ne", true),
  IN("in", true),
  NOT_IN("notIn", true),
  AT_LEAST("atLeast", true),
  AT_MOST("atMost", true),
  BELOW("below", true),
  IS_TRUE("isTrue", false),
  IS_FALSE("isFalse", false),
  CONTAINS("contains", true),
  NOT_CONTAINS("notContains", true),
  EMPTY("empty", false),
  NOT_EMPTY("notEmpty", false),
  MOUNTED("mounted", true),
  KNOWN("known", false);

  private final String id;
  private final boolean takesValue;

  Operator(String id, boolean takesValue) {
    this.id = id;
    this.takesValue = takesValue;
  }

  public String id() {
    return id;
  }

  public boolean takesValue() {
    return takesValue;
  }

  public static Optional<Operator> byId(String id) {
    return Arrays.stream(values()).filter(o -> o.id.equals(id)).findFirst();
  }
}
