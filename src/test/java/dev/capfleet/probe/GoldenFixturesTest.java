package dev.capfleet.probe;

import static dev.capfleet.probe.Fixtures.render;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.capfleet.core.Mount;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One test per folder of real tool outputs under fixtures/: every file must parse to what the
 * folder's expected.properties says, and no file may lack an expectation.
 */
class GoldenFixturesTest {
  private static final List<String> KERNEL_FILES =
      List.of("uname.txt", "version-signature.txt", "proc-version.txt");

  static Stream<String> distroFolders() throws IOException {
    try (Stream<Path> dirs = Files.list(Fixtures.root())) {
      return dirs
          .filter(Files::isDirectory)
          .filter(d -> Files.exists(d.resolve("expected.properties")))
          .map(d -> d.getFileName().toString())
          .sorted()
          .toList()
          .stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("distroFolders")
  void parsesEveryFileOfEachDistroFolder(String folder) throws IOException {
    Path dir = Fixtures.root().resolve(folder);
    Properties expected = new Properties();
    try (Reader r = Files.newBufferedReader(dir.resolve("expected.properties"))) {
      expected.load(r);
    }
    List<String> checked = new ArrayList<>();
    if (KERNEL_FILES.stream().anyMatch(f -> Files.exists(dir.resolve(f)))) {
      String uname = optional(dir, "uname.txt");
      assertEquals(
          expected.getProperty("kernel"),
          KernelParser.parse(
                  uname, optional(dir, "version-signature.txt"), optional(dir, "proc-version.txt"))
              .map(Fixtures::render)
              .orElse("empty"),
          folder + " kernel");
      if (uname != null) {
        assertEquals(
            expected.getProperty("arch"),
            KernelParser.arch(uname).orElse("empty"),
            folder + " arch");
      }
    }
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.toString().endsWith(".txt")).sorted().toList();
    }
    for (Path file : files) {
      String name = file.getFileName().toString();
      if (KERNEL_FILES.contains(name)) {
        continue;
      }
      String want = expected.getProperty(name);
      assertNotNull(want, folder + "/" + name + " has no expectation in expected.properties");
      String got =
          name.startsWith("uname-a")
              ? unameA(
                  Fixtures.read(file),
                  optional(dir, "version-signature.txt"),
                  optional(dir, "proc-version.txt"))
              : parse(name, Fixtures.read(file), expected);
      assertEquals(want, got, folder + "/" + name);
      if (name.startsWith("mounts")) {
        checkMountFor(name, Fixtures.read(file), expected);
      }
      checked.add(name);
    }
    assertTrue(!checked.isEmpty() || expected.containsKey("kernel"), folder + " has no fixture");
  }

  private static String parse(String name, String text, Properties expected) {
    String kind = name.substring(0, name.indexOf('-') > 0 ? name.indexOf('-') : name.indexOf('.'));
    switch (kind) {
      case "getcap":
        {
          String path = expected.getProperty(name + ".path", expected.getProperty("getcap.path"));
          int exit = Integer.parseInt(expected.getProperty(name + ".exit", "0"));
          return render(GetcapParser.parse(Fixtures.section("getcap", exit, text), path));
        }
      case "capsh":
        return CapshParser.parse(text).map(Fixtures::render).orElse("empty");
      case "status":
        return ProcStatusParser.parse(text).map(Fixtures::render).orElse("empty");
      case "stat":
        return StatParser.parse(text).map(Fixtures::render).orElse("empty");
      case "findmnt":
        return FindmntParser.parse(text).map(Fixtures::render).orElse("empty");
      case "mounts":
        return "count=" + MountsParser.parse(text).size();
      case "lockdown":
        return SimpleFacts.lockdown(text).orElse("empty");
      default:
        throw new AssertionError("no parser for fixture kind '" + kind + "' (" + name + ")");
    }
  }

  /**
   * Public sources often quote {@code uname -a} rather than {@code uname -srm}: the kernel name,
   * the release (third word) and the machine (last word, after dropping {@code GNU/Linux}) are
   * taken from it and given to the parser in {@code uname -srm} form. The fixture file itself stays
   * as published.
   */
  private static String unameA(String unameA, String versionSignature, String procVersion) {
    List<String> words = new ArrayList<>(List.of(unameA.strip().split("\\s+")));
    if (words.get(words.size() - 1).equals("GNU/Linux")) {
      words.remove(words.size() - 1);
    }
    String srm = words.get(0) + " " + words.get(2) + " " + words.get(words.size() - 1);
    return KernelParser.parse(srm, versionSignature, procVersion)
            .map(Fixtures::render)
            .orElse("empty")
        + " arch="
        + KernelParser.arch(srm).orElse("empty");
  }

  private static void checkMountFor(String name, String text, Properties expected) {
    List<Mount> mounts = MountsParser.parse(text);
    for (int i = 1; expected.containsKey(name + ".for." + i); i++) {
      String[] spec = expected.getProperty(name + ".for." + i).split(" => ", 2);
      Optional<Mount> got = MountsParser.mountFor(mounts, spec[0]);
      assertEquals(
          spec[1], got.map(Fixtures::render).orElse("empty"), name + " mount for " + spec[0]);
    }
  }

  private static String optional(Path dir, String file) {
    Path p = dir.resolve(file);
    return Files.exists(p) ? Fixtures.read(p) : null;
  }
}
