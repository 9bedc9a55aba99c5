package dev.capfleet.cli;

import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The one line a parse error gets: picocli's message without its own "Error: " prefix (capfleet
 * adds "capfleet: "), unknown options named without the value that followed them, and the closest
 * flag or command as a suggestion, as git and OpenSSH users expect after a typo.
 */
final class UsageMessages {
  private UsageMessages() {}

  static String of(ParameterException ex) {
    if (ex instanceof UnmatchedArgumentException u) {
      return unmatched(u);
    }
    String m = ex.getMessage() == null ? "invalid command line" : ex.getMessage();
    return m.startsWith("Error: ") ? m.substring("Error: ".length()) : m;
  }

  private static String unmatched(UnmatchedArgumentException u) {
    List<String> args = u.getUnmatched();
    // picocli lists the value after an unknown option as unmatched too ('--privte-key', 'x'): name
    // the options
    List<String> options = args.stream().filter(a -> a.startsWith("-") && a.length() > 1).toList();
    CommandLine c = u.getCommandLine();
    String what;
    if (!options.isEmpty()) {
      what = (options.size() == 1 ? "unknown option " : "unknown options ") + quoted(options);
    } else if (!c.getSubcommands().isEmpty()) {
      what =
          "unknown command "
              + quoted(args.subList(0, 1))
              + " (commands: "
              + c.getSubcommands().keySet().stream()
                  .filter(n -> !n.equals("help"))
                  .collect(Collectors.joining(", "))
              + ")";
    } else {
      what = (args.size() == 1 ? "unexpected argument " : "unexpected arguments ") + quoted(args);
    }
    List<String> suggestions = u.getSuggestions();
    if (!suggestions.isEmpty()) {
      what +=
          "; did you mean "
              + suggestions.stream()
                  .limit(3)
                  .map(s -> "'" + s + "'")
                  .collect(Collectors.joining(" or "))
              + "?";
    }
    return what;
  }

  private static String quoted(List<String> args) {
    return args.stream()
        .map(a -> "'" + dev.capfleet.core.HostText.printable(a) + "'")
        .collect(Collectors.joining(", "));
  }
}
