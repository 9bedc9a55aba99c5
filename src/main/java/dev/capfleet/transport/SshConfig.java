package dev.capfleet.transport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * An OpenSSH client configuration ({@code ~/.ssh/config} or {@code -F FILE}) applied as ssh applies
 * it: blocks in file order, {@code Host} patterns matched against the name given, {@code Match}
 * criteria against the host name and user obtained so far, and for each keyword the first value
 * obtained wins (IdentityFile collects). MINA's {@code ConfigFileHostEntryResolver} refuses every
 * file with a {@code Match} block, which real configurations have, so this reader is capfleet's
 * own; {@code Match exec} is never run.
 */
public final class SshConfig {
  /** What capfleet takes from the file; other keywords are read and ignored. */
  private static final List<String> KEYWORDS =
      List.of(
          "hostname",
          "user",
          "port",
          "identityfile",
          "identitiesonly",
          "proxyjump",
          "proxycommand",
          "userknownhostsfile",
          "connecttimeout");

  private static final int MAX_INCLUDE_DEPTH = 16;

  /** One line's keyword and arguments, with where it came from for messages. */
  private record Line(Path file, int number, String keyword, List<String> args) {
    String where() {
      return file + ":" + number;
    }
  }

  /** No configuration ({@code -F none}, or no file). */
  public static final SshConfig NONE = new SshConfig(List.of(), Path.of("none"));

  private final List<Line> lines;
  private final Path home;

  private SshConfig(List<Line> lines, Path home) {
    this.lines = lines;
    this.home = home;
  }

  /**
   * Reads a configuration file and the files it includes. A missing default {@code ~/.ssh/config}
   * is no configuration; a bad line is an {@link SshConfigException} naming file and line.
   */
  public static SshConfig read(Path file, Path home) {
    List<Line> lines = new ArrayList<>();
    readInto(file, home, lines, 0);
    return new SshConfig(lines, home);
  }

  private static void readInto(Path file, Path home, List<Line> out, int depth) {
    if (depth > MAX_INCLUDE_DEPTH) {
      throw new SshConfigException(
          file + ": Include nested more than " + MAX_INCLUDE_DEPTH + " deep");
    }
    List<String> text;
    try {
      text = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException | java.io.UncheckedIOException e) {
      throw new SshConfigException(file + ": cannot read ssh_config: " + e.getMessage());
    }
    for (int i = 0; i < text.size(); i++) {
      List<String> words = words(text.get(i), file, i + 1);
      if (words.isEmpty()) {
        continue;
      }
      String keyword = words.get(0).toLowerCase(Locale.ROOT);
      List<String> args = words.subList(1, words.size());
      if (keyword.equals("include")) {
        for (String pattern : args) {
          for (Path inc : include(pattern, home, file)) {
            readInto(inc, home, out, depth + 1);
          }
        }
        continue;
      }
      if ((keyword.equals("host") || keyword.equals("match")) && args.isEmpty()) {
        throw new SshConfigException(
            file + ":" + (i + 1) + ": " + words.get(0) + " without an argument");
      }
      out.add(new Line(file, i + 1, keyword, List.copyOf(args)));
    }
  }

  /**
   * ssh's {@code Include}: relative to {@code ~/.ssh}, with glob patterns in the last component.
   */
  private static List<Path> include(String pattern, Path home, Path from) {
    String p = pattern.startsWith("~/") ? home + pattern.substring(1) : pattern;
    Path path = Path.of(p).isAbsolute() ? Path.of(p) : home.resolve(".ssh").resolve(p);
    Path dir = path.getParent();
    String last = path.getFileName().toString();
    if (!last.contains("*") && !last.contains("?") && !last.contains("[")) {
      return Files.isRegularFile(path) ? List.of(path) : List.of();
    }
    PathMatcher m = path.getFileSystem().getPathMatcher("glob:" + last);
    try (Stream<Path> list = Files.list(dir)) {
      return list.filter(f -> m.matches(f.getFileName()) && Files.isRegularFile(f))
          .sorted()
          .toList();
    } catch (IOException e) {
      return List.of(); // ssh ignores an Include that matches nothing
    }
  }

  /**
   * ssh's argument splitting: whitespace, one optional {@code =} after the keyword, double quotes.
   */
  private static List<String> words(String raw, Path file, int number) {
    String line = raw.strip();
    if (line.isEmpty() || line.startsWith("#")) {
      return List.of();
    }
    List<String> words = new ArrayList<>();
    int i = 0;
    int key = 0;
    while (key < line.length()
        && !Character.isWhitespace(line.charAt(key))
        && line.charAt(key) != '=') {
      key++;
    }
    words.add(line.substring(0, key));
    i = key;
    while (i < line.length() && Character.isWhitespace(line.charAt(i))) {
      i++;
    }
    if (i < line.length() && line.charAt(i) == '=') {
      i++;
    }
    StringBuilder word = null;
    boolean quoted = false;
    for (; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '"') {
        quoted = !quoted;
        word = word == null ? new StringBuilder() : word;
      } else if (!quoted && Character.isWhitespace(c)) {
        if (word != null) {
          words.add(word.toString());
          word = null;
        }
      } else if (!quoted && c == '#' && word == null) {
        break; // a comment after the arguments
      } else {
        word = word == null ? new StringBuilder() : word;
        word.append(c);
      }
    }
    if (quoted) {
      throw new SshConfigException(file + ":" + number + ": unbalanced quotes");
    }
    if (word != null) {
      words.add(word.toString());
    }
    return words;
  }

  /**
   * The settings for {@code ssh [-l user] host}: as {@code ssh -G} prints them, limited to the
   * keywords capfleet uses. {@code user} is the user already chosen on the command line (it is what
   * {@code Match user} sees and it wins over {@code User}), or null.
   */
  public HostSettings resolve(String host, String user, String localUser) {
    Map<String, List<String>> got = new LinkedHashMap<>();
    List<String> identityFiles = new ArrayList<>();
    boolean active = true;
    for (Line l : lines) {
      switch (l.keyword) {
        case "host" -> active = HostPatterns.matchesList(l.args, host);
        case "match" -> {
          String hostName =
              got.containsKey("hostname") ? token(got.get("hostname").get(0), host, host) : host;
          String u =
              user != null ? user : got.containsKey("user") ? got.get("user").get(0) : localUser;
          active = match(l, host, hostName, u, localUser);
        }
        default -> {
          if (active && KEYWORDS.contains(l.keyword)) {
            if (l.args.isEmpty()) {
              throw new SshConfigException(l.where() + ": " + l.keyword + " without a value");
            }
            if (l.keyword.equals("identityfile")) {
              identityFiles.add(l.args.get(0));
            } else if (l.keyword.equals("proxyjump") || l.keyword.equals("proxycommand")) {
              // ssh: whichever of the two comes first wins, and later ones of either are ignored
              if (!got.containsKey("proxyjump") && !got.containsKey("proxycommand")) {
                got.put(l.keyword, List.of(String.join(" ", l.args), l.where()));
              }
            } else if (l.keyword.equals("userknownhostsfile")) {
              got.putIfAbsent(
                  l.keyword, List.of(String.join("\0", l.args), l.where())); // several files
            } else {
              got.putIfAbsent(l.keyword, List.of(l.args.get(0), l.where()));
            }
          }
        }
      }
    }
    return HostSettings.of(host, got, identityFiles, user, localUser, home);
  }

  /**
   * {@code Match} criteria, all of which must hold; {@code exec} and other unknowns are refused,
   * never run.
   */
  private static boolean match(
      Line l, String original, String hostName, String user, String localUser) {
    List<String> a = l.args;
    boolean all = true;
    for (int i = 0; i < a.size(); i++) {
      String crit = a.get(i).toLowerCase(Locale.ROOT);
      boolean negate = crit.startsWith("!");
      crit = negate ? crit.substring(1) : crit;
      boolean result;
      if (crit.equals("all")) {
        result = true;
      } else if (crit.equals("canonical") || crit.equals("final")) {
        result = false; // capfleet does not canonicalize host names, so these passes never happen
      } else {
        if (i + 1 >= a.size()) {
          throw new SshConfigException(l.where() + ": Match " + crit + " without a value");
        }
        List<String> patterns = Arrays.asList(a.get(++i).split(","));
        result =
            switch (crit) {
              case "host" -> HostPatterns.matchesList(patterns, hostName);
              case "originalhost" -> HostPatterns.matchesList(patterns, original);
              case "user" -> user != null && HostPatterns.matchesList(patterns, user);
              case "localuser" -> HostPatterns.matchesList(patterns, localUser);
              default ->
                  throw new SshConfigException(
                      l.where()
                          + ": Match "
                          + crit
                          + " is not supported by capfleet (it never runs commands from ssh_config)");
            };
      }
      all &= negate != result;
    }
    return all;
  }

  /** ssh's tokens in HostName: {@code %h} the host given, {@code %%} a percent sign. */
  static String token(String value, String host, String original) {
    return value.replace("%%", "\0").replace("%h", host).replace("%n", original).replace("\0", "%");
  }
}
