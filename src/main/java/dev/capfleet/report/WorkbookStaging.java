package dev.capfleet.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.poi.util.DefaultTempFileCreationStrategy;
import org.apache.poi.util.TempFile;

/**
 * Where POI stages a streamed workbook's sheets: a fresh directory per write, created 0700 by us
 * and removed afterwards. POI's default, a shared {@code ${java.io.tmpdir}/poifiles}, can be
 * created first by another local user, who then reads or swaps the staged parts (or makes the write
 * fail). Set per thread, so concurrent writes in one JVM each keep their own directory.
 */
final class WorkbookStaging {
  interface Work {
    void run() throws IOException;
  }

  private WorkbookStaging() {}

  static void run(Work work) throws IOException {
    Path dir =
        Files.createTempDirectory(
            Path.of(System.getProperty("java.io.tmpdir")),
            "capfleet-xlsx-",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    TempFile.setThreadLocalTempFileCreationStrategy(
        new DefaultTempFileCreationStrategy(dir.toFile()));
    try {
      work.run();
    } finally {
      TempFile.setThreadLocalTempFileCreationStrategy(null);
      removeTree(dir);
    }
  }

  private static void removeTree(Path dir) throws IOException {
    try (Stream<Path> all = Files.walk(dir)) {
      all.sorted(Comparator.reverseOrder()).forEach(WorkbookStaging::delete);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private static void delete(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
