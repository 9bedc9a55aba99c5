package dev.capfleet.assess;

import dev.capfleet.core.Capability;
import dev.capfleet.core.Facts;
import dev.capfleet.core.KernelVersion;
import dev.capfleet.core.Mount;
import dev.capfleet.model.Condition;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Evaluates model conditions against a host's facts, three-valued: a missing fact gives UNKNOWN.
 */
final class ConditionEvaluator {
  /** The result of one evaluation, with the facts it missed and the operand it compared against. */
  record Result(Outcome outcome, Set<String> missing, String expected) {}

  private final FactView facts;

  ConditionEvaluator(FactView facts) {
    this.facts = facts;
  }

  Result evaluate(Condition c, Capability item) {
    java.util.Set<String> missing = new java.util.TreeSet<>();
    String[] expected = new String[1];
    Outcome o = eval(c, item, missing, expected);
    return new Result(o, missing, expected[0]);
  }

  private Outcome eval(Condition c, Capability item, Set<String> missing, String[] expected) {
    if (c instanceof Condition.All all) {
      Outcome acc = Outcome.PASS;
      for (Condition p : all.parts()) {
        Outcome o = eval(p, item, missing, expected);
        if (o == Outcome.FAIL) {
          return Outcome.FAIL;
        }
        if (o == Outcome.UNKNOWN) {
          acc = Outcome.UNKNOWN;
        }
      }
      return acc;
    }
    if (c instanceof Condition.Any any) {
      Outcome acc = Outcome.FAIL;
      for (Condition p : any.parts()) {
        Outcome o = eval(p, item, missing, expected);
        if (o == Outcome.PASS) {
          return Outcome.PASS;
        }
        if (o == Outcome.UNKNOWN) {
          acc = Outcome.UNKNOWN;
        }
      }
      return acc;
    }
    if (c instanceof Condition.Not not) {
      return eval(not.part(), item, missing, expected).negate();
    }
    return test((Condition.Test) c, item, missing, expected);
  }

  private Outcome test(Condition.Test t, Capability item, Set<String> missing, String[] expected) {
    Object fact = facts.value(t.fact());
    Object operand = bind(t.value(), item);
    if (t.valueByArch() != null) {
      String arch = facts.get(Facts.ARCH);
      if (arch == null) {
        missing.add(Facts.ARCH.name());
        return Outcome.UNKNOWN;
      }
      operand = t.valueByArch().get(arch);
      if (operand == null) {
        expected[0] =
            "a supported architecture (" + String.join(", ", t.valueByArch().keySet()) + ")";
        return Outcome.FAIL;
      }
    }
    if (operand != null && !(operand instanceof Map) && !(operand instanceof Collection)) {
      expected[0] = operand.toString();
    }
    switch (t.op()) {
      case KNOWN:
        return Outcome.of(fact != null);
      default:
        break;
    }
    if (fact == null) {
      missing.add(t.fact());
      return Outcome.UNKNOWN;
    }
    return switch (t.op()) {
      case EQ -> Outcome.of(same(fact, operand));
      case NE -> Outcome.of(!same(fact, operand));
      case IN -> Outcome.of(list(operand).stream().anyMatch(v -> same(fact, v)));
      case NOT_IN -> Outcome.of(list(operand).stream().noneMatch(v -> same(fact, v)));
      case AT_LEAST -> Outcome.of(compare(fact, operand) >= 0);
      case AT_MOST -> Outcome.of(compare(fact, operand) <= 0);
      case BELOW -> Outcome.of(compare(fact, operand) < 0);
      case IS_TRUE -> Outcome.of(Boolean.TRUE.equals(fact));
      case IS_FALSE -> Outcome.of(Boolean.FALSE.equals(fact));
      case CONTAINS -> Outcome.of(contains(fact, operand));
      case NOT_CONTAINS -> Outcome.of(!contains(fact, operand));
      case EMPTY -> Outcome.of(((Collection<?>) fact).isEmpty());
      case NOT_EMPTY -> Outcome.of(!((Collection<?>) fact).isEmpty());
      case MOUNTED -> Outcome.of(mounted(fact, operand));
      case KNOWN -> Outcome.PASS;
    };
  }

  private static Object bind(Object value, Capability item) {
    if (item != null && "{item}".equals(value)) {
      return item;
    }
    return value;
  }

  private static boolean same(Object fact, Object operand) {
    if (fact instanceof Number a && operand instanceof Number b) {
      return a.longValue() == b.longValue();
    }
    return Objects.equals(String.valueOf(fact), String.valueOf(operand));
  }

  private static List<?> list(Object operand) {
    return operand instanceof List<?> l ? l : List.of(operand);
  }

  private static int compare(Object fact, Object operand) {
    if (fact instanceof KernelVersion v) {
      return v.compareTo(KernelVersion.of(String.valueOf(operand)));
    }
    if (fact instanceof Number n) {
      return Long.compare(n.longValue(), Long.parseLong(String.valueOf(operand).trim()));
    }
    throw new IllegalStateException("cannot order " + fact.getClass().getSimpleName());
  }

  private static boolean contains(Object fact, Object operand) {
    Collection<?> c = (Collection<?>) fact;
    if (operand instanceof Capability cap) {
      return c.contains(cap);
    }
    if (!c.isEmpty() && c.iterator().next() instanceof Capability) {
      return Capability.parse(String.valueOf(operand)).map(c::contains).orElse(false);
    }
    return c.stream().anyMatch(e -> same(e, operand));
  }

  private static boolean mounted(Object fact, Object operand) {
    Map<?, ?> want = (Map<?, ?>) operand;
    Object path = want.get("path");
    Object fsType = want.get("fsType");
    for (Object o : (Collection<?>) fact) {
      Mount m = (Mount) o;
      if (m.mountPoint().equals(path) && (fsType == null || m.fsType().equals(fsType))) {
        return true;
      }
    }
    return false;
  }
}
