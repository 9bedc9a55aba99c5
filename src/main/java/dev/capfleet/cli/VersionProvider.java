package dev.capfleet.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar manifest (Maven's project version), or {@code dev} when run from classes. */
public final class VersionProvider implements IVersionProvider {
  public static String version() {
    String v = Main.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }

  @Override
  public String[] getVersion() {
    return new String[] {"capfleet " + version()};
  }
}
