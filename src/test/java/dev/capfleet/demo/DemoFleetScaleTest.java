package dev.capfleet.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.capfleet.probe.ProbeOutput;
import dev.capfleet.probe.ProbeScript;
import dev.capfleet.transport.ExecOutcome;
import dev.capfleet.transport.SshExecutor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generated fleets: thousands of hosts start in seconds on one server, and answer with added
 * latency.
 */
class DemoFleetScaleTest {
  @TempDir Path dir;

  @Test
  void twoThousandHostsStartInSecondsAndAnswer() throws Exception {
    long t0 = System.nanoTime();
    try (DemoFleet fleet = DemoFleet.start(dir, 2_000)) {
      long startMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
      System.out.printf(
          "demo fleet: 2000 hosts started in %d ms (%.0f hosts/s)%n",
          startMillis, 2_000 * 1000.0 / Math.max(1, startMillis));
      assertTrue(startMillis < 60_000, "2,000 hosts took " + startMillis + " ms to start");
      // what the fleet serves, not what was asked for: one known_hosts line and one distinct
      // endpoint per host
      assertEquals(2_000, Files.readAllLines(fleet.knownHosts()).size());
      assertEquals(
          2_000, fleet.hosts().stream().map(h -> h.address() + ":" + h.port()).distinct().count());

      // Every 10th host, 32 at a time: enough to show any host of the fleet answers with its own
      // key.
      List<DemoHost> sample = new ArrayList<>();
      for (int i = 0; i < fleet.hosts().size(); i += 10) {
        sample.add(fleet.hosts().get(i));
      }
      long t1 = System.nanoTime();
      List<ExecOutcome> outcomes = runAll(fleet, sample, 32);
      long scanMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t1);
      System.out.printf(
          "demo fleet: %d hosts answered in %d ms (%.0f hosts/s, 32 at a time)%n",
          sample.size(), scanMillis, sample.size() * 1000.0 / Math.max(1, scanMillis));
      outcomes.forEach(o -> assertTrue(o.succeeded(), o.toString()));
    }
  }

  @Test
  void addedLatencyDelaysEveryExchange() throws Exception {
    Duration latency = Duration.ofMillis(100);
    try (DemoFleet fleet = DemoFleet.start(dir, 20, latency)) {
      List<ExecOutcome> outcomes = runAll(fleet, fleet.hosts(), 20);
      for (ExecOutcome o : outcomes) {
        assertTrue(o.succeeded(), o.toString());
        // banner, key exchange, auth, channel open, exec reply and the answer: several delayed
        // writes in a row
        assertTrue(
            o.millis() >= 4 * latency.toMillis(),
            "only " + o.millis() + " ms with 100 ms per write");
      }
    }
  }

  @Test
  void closeStopsEveryHost() throws IOException {
    DemoFleet fleet = DemoFleet.start(dir, 3);
    DemoHost h = fleet.hosts().get(1);
    fleet.close();
    try (SshExecutor ssh =
        new SshExecutor(DemoFleetTest.settings(fleet.knownHosts(), fleet.clientKey()))) {
      ExecOutcome o =
          DemoFleetTest.await(ssh.run(DemoFleetTest.target(h), "true", null, DemoFleetTest.FAST));
      assertEquals(ExecOutcome.Status.CONNECT_REFUSED, o.status(), o.toString());
    }
  }

  /**
   * Probes every host with at most {@code parallel} in flight; checks each answer carries its
   * nonce.
   */
  static List<ExecOutcome> runAll(DemoFleet fleet, List<DemoHost> hosts, int parallel)
      throws Exception {
    Semaphore slots = new Semaphore(parallel);
    List<CompletableFuture<ExecOutcome>> runs = new ArrayList<>();
    try (SshExecutor ssh =
        new SshExecutor(DemoFleetTest.settings(fleet.knownHosts(), fleet.clientKey()))) {
      for (DemoHost h : hosts) {
        slots.acquire();
        String nonce = ProbeScript.newNonce();
        runs.add(
            ssh.run(
                    DemoFleetTest.target(h),
                    ProbeScript.remoteCommand(nonce, h.binary()),
                    ProbeScript.bytes(),
                    DemoFleetTest.FAST)
                .whenComplete((o, e) -> slots.release())
                .thenApply(
                    o -> {
                      if (o.succeeded() && !ProbeOutput.parse(o.stdoutText(), nonce).complete()) {
                        throw new AssertionError(h.name() + ": answer without the scanner's nonce");
                      }
                      return o;
                    }));
      }
      List<ExecOutcome> out = new ArrayList<>();
      for (CompletableFuture<ExecOutcome> r : runs) {
        out.add(r.get(120, TimeUnit.SECONDS));
      }
      return out;
    }
  }
}
