package dev.capfleet.core;

import java.util.List;

/** One line of {@code /proc/mounts}, with octal escapes ({@code \040}) decoded. */
public record Mount(String device, String mountPoint, String fsType, List<String> options) {
  public Mount {
    options = List.copyOf(options);
  }

  public boolean hasOption(String option) {
    return options.contains(option);
  }
}
