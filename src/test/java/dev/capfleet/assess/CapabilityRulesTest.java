package dev.capfleet.assess;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.capfleet.model.ModelLoader;
import dev.capfleet.model.RequirementModel;
import dev.capfleet.model.Rule;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rule ids the workbook's capability columns read are per-capability rules of every model. */
class CapabilityRulesTest {
  @Test
  void everyBundledModelHasBothPerCapabilityRules() {
    for (RequirementModel m : List.of(ModelLoader.verified(), ModelLoader.documented())) {
      for (String id : List.of(CapabilityRules.GRANTED, CapabilityRules.EXCESS)) {
        Rule rule =
            m.rules().stream()
                .filter(r -> r.id().equals(id))
                .findFirst()
                .orElseThrow(() -> new AssertionError(m.id() + " has no rule " + id));
        assertNotNull(rule.forEach(), m.id() + ": " + id + " is not per capability");
      }
    }
  }
}
