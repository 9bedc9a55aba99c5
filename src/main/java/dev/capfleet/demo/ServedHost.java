package dev.capfleet.demo;

import dev.capfleet.demo.DemoHost.Behaviour;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;

/** A demo host as the server sees it: its public description, its own host key, and its answer. */
record ServedHost(DemoHost host, KeyPair hostKey, String answerText) {
  private static final String MARKER = "@@CAPFLEET " + FleetSpec.RECORDED_NONCE + " ";

  String name() {
    return host.name();
  }

  String binary() {
    return host.binary();
  }

  Behaviour behaviour() {
    return host.behaviour();
  }

  /** The recorded answer with the scanner's nonce in every marker line. */
  byte[] answerFor(String nonce) {
    return answerText.replace(MARKER, "@@CAPFLEET " + nonce + " ").getBytes(StandardCharsets.UTF_8);
  }
}
