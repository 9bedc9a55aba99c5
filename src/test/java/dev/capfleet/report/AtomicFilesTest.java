package dev.capfleet.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A report file is whole or absent: readers never see half of one, and a failed write leaves the
 * old one.
 */
class AtomicFilesTest {
  @TempDir Path dir;

  @Test
  void failedWriteLeavesThePreviousFileAndNoTemporary() throws Exception {
    Path target = dir.resolve("r.json");
    Files.writeString(target, "{\"old\": true}");
    assertThrows(
        IOException.class,
        () ->
            AtomicFiles.write(
                target,
                out -> {
                  out.write(new byte[100_000]);
                  throw new IOException("disk full");
                }));
    assertEquals("{\"old\": true}", Files.readString(target));
    try (var files = Files.list(dir)) {
      assertEquals(List.of("r.json"), files.map(f -> f.getFileName().toString()).toList());
    }
  }

  @Test
  void readersSeeTheOldOrTheNewFileNeverAPart() throws Exception {
    Path target = dir.resolve("r.xlsx");
    byte[] old = new byte[3_000_000];
    Arrays.fill(old, (byte) 'o');
    Files.write(target, old);
    byte[] fresh = new byte[3_000_000];
    Arrays.fill(fresh, (byte) 'n');
    AtomicBoolean writing = new AtomicBoolean(true);
    AtomicInteger reads = new AtomicInteger();
    AtomicReference<String> broken = new AtomicReference<>();
    Thread reader =
        new Thread(
            () -> {
              while (writing.get() && broken.get() == null) {
                try {
                  byte[] seen = Files.readAllBytes(target);
                  if (!Arrays.equals(seen, old) && !Arrays.equals(seen, fresh)) {
                    broken.set("a partial file of " + seen.length + " bytes");
                  }
                  reads.incrementAndGet();
                } catch (IOException e) {
                  broken.set("the target vanished during the write: " + e);
                }
              }
            });
    reader.start();
    AtomicFiles.write(
        target,
        out -> {
          for (int i = 0; i < fresh.length; i += 1000) {
            out.write(fresh, i, 1000);
            if (i % 300_000 == 0) {
              Thread.onSpinWait();
            }
          }
        });
    Thread.sleep(50);
    writing.set(false);
    reader.join();
    assertEquals(null, broken.get());
    assertArrayEquals(fresh, Files.readAllBytes(target));
    assertTrue(reads.get() > 0);
  }
}
