package dev.capfleet.probe;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;

/**
 * The files of the read_file and read_files golden cases (fixtures/read-file/make-cases.sh) and
 * their recorded outputs, shared by ReadFileGoldenTest and ReadFilesGoldenTest.
 */
final class ReadCases {
  /** The cases make-cases.sh creates, in the order record-read-file.sh reads them. */
  static final List<String> FILES =
      List.of(
          "plain",
          "no-final-newline",
          "no-final-newline-multi",
          "empty",
          "only-newlines",
          "blanks",
          "backslashes",
          "nul",
          "crlf",
          "printf-words",
          "long-line",
          "folder",
          "unreadable",
          "absent");

  private ReadCases() {}

  /** A fresh folder holding the cases, readable by the account the shells run as. */
  static Path make() throws IOException {
    Path dir =
        Files.createTempDirectory(
            "capfleet-read-cases",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    dev.capfleet.testing.Processes.run(
        List.of(
            "sh", Fixtures.root().resolve("read-file/make-cases.sh").toString(), dir.toString()));
    return dir;
  }

  static void remove(Path dir) throws IOException {
    try (var paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  /** A recorded output, bytes as they were (NULs and all). */
  static String golden(String name) throws IOException {
    return new String(
        Files.readAllBytes(Fixtures.root().resolve("read-file/" + name)),
        StandardCharsets.ISO_8859_1);
  }
}
