package dev.capfleet.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.apache.poi.util.DefaultTempFileCreationStrategy;
import org.apache.poi.util.TempFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The workbook's staged parts never go to a shared {@code poifiles} folder another local user could
 * create first: a {@code poifiles} owned by someone else, world-writable, sits in java.io.tmpdir as
 * an attacker would leave it, and POI's strategy is reset as in a fresh JVM.
 */
class WorkbookStagingTest {
  @TempDir Path tmp;
  @TempDir Path out;
  private String savedTmp;
  private Path planted;

  @BeforeEach
  void plantSharedFolder() throws Exception {
    savedTmp = System.getProperty("java.io.tmpdir");
    System.setProperty("java.io.tmpdir", tmp.toString());
    planted = Files.createDirectory(tmp.resolve("poifiles"));
    Files.setPosixFilePermissions(planted, PosixFilePermissions.fromString("rwxrwxrwx"));
    try {
      UserPrincipal other =
          tmp.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
      Files.setOwner(planted, other); // as root; elsewhere the folder is merely ours and open
    } catch (Exception notRoot) {
      // the world-writable folder still shows where POI would stage
    }
    TempFile.setTempFileCreationStrategy(new DefaultTempFileCreationStrategy());
  }

  @AfterEach
  void restore() {
    System.setProperty("java.io.tmpdir", savedTmp);
    TempFile.setTempFileCreationStrategy(new DefaultTempFileCreationStrategy());
  }

  @Test
  void workbookIsStagedOutsideASharedPoifilesFolderAndLeavesNothingBehind() throws Exception {
    List<String> created = new java.util.ArrayList<>();
    try (WatchService watch = tmp.getFileSystem().newWatchService()) {
      // POI deletes its parts after the write, so watch for them appearing, not for leftovers
      planted.register(watch, StandardWatchEventKinds.ENTRY_CREATE);
      Path file = ExcelReportWriter.write(ReportFixtures.large(450), out.resolve("fleet.xlsx"));
      assertTrue(Files.size(file) > 0);
      WatchKey key = watch.poll(200, java.util.concurrent.TimeUnit.MILLISECONDS);
      if (key != null) {
        key.pollEvents().forEach(e -> created.add(String.valueOf(e.context())));
      }
    }
    assertEquals(List.of(), created, "staged parts went to the shared folder");
    try (Stream<Path> s = Files.list(tmp)) {
      assertEquals(List.of(planted), s.toList(), "the private staging folder was left behind");
    }
  }

  @Test
  void stagingFolderIsPrivateAndFreshPerRun() throws Exception {
    AtomicReference<Path> first = new AtomicReference<>();
    AtomicReference<Path> second = new AtomicReference<>();
    for (AtomicReference<Path> seen : List.of(first, second)) {
      WorkbookStaging.run(
          () -> {
            File f = TempFile.createTempFile("poi-sxssf-sheet", ".xml.gz");
            Path parent = f.toPath().getParent();
            seen.set(parent);
            assertEquals(
                "rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(parent)));
            assertEquals(Files.getOwner(tmp), Files.getOwner(parent));
            assertNotEquals(planted, parent);
          });
      assertFalse(Files.exists(seen.get()), "removed after the run");
    }
    assertNotEquals(first.get(), second.get());
  }
}
