package dev.capfleet.cli;

import dev.capfleet.model.ModelLoader;
import dev.capfleet.model.RequirementModel;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * {@code --version}: what a bug report needs, as {@code ansible --version} gives it: capfleet's
 * version and the git commit it was built from (both baked in by the build, see pom.xml), the
 * bundled model, and the Java runtime.
 */
public final class VersionProvider implements IVersionProvider {
  private static final Properties BUILD = build();

  public static String version() {
    String v = BUILD.getProperty("version");
    if (v == null || v.startsWith("${")) {
      v = Main.class.getPackage().getImplementationVersion();
    }
    return v == null ? "dev" : v;
  }

  /**
   * The commit the jar was built from ({@code -dirty} when the tree had changes), or {@code
   * unknown}.
   */
  public static String commit() {
    String c = BUILD.getProperty("commit", "").strip();
    return c.isEmpty() ? "unknown" : c;
  }

  @Override
  public String[] getVersion() {
    RequirementModel model = ModelLoader.bundled();
    return new String[] {
      "capfleet " + version() + " (commit " + commit() + ")",
      "model " + model.id() + " " + model.version() + " (bundled)",
      "Java "
          + System.getProperty("java.version")
          + " ("
          + System.getProperty("java.vm.name")
          + ", "
          + System.getProperty("java.vendor")
          + ") on "
          + System.getProperty("os.name")
          + " "
          + System.getProperty("os.arch")
    };
  }

  private static Properties build() {
    Properties p = new Properties();
    for (String name : new String[] {"build.properties", "commit.properties"}) {
      try (InputStream in = VersionProvider.class.getResourceAsStream(name)) {
        if (in != null) {
          p.load(in);
        }
      } catch (IOException e) {
        // a missing build stamp leaves "dev" and "unknown"
      }
    }
    return p;
  }
}
