package dev.capfleet.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs commands as the non-root lab user under a {@link LabCondition}: root (the test) prepares the
 * binary copy and the condition, then {@code setpriv} drops to the user, so the capabilities the
 * process ends up with come only from the binary's file capabilities, as for an operator starting
 * eCapture.
 */
final class LabMachine {
  /**
   * An account without privileges; .ci/run creates it, as the real-sshd tests log in with it too.
   */
  static final String USER = "capfleet-audit";

  /** Every run is bounded: the loader needs well under a second, capfleet check a few. */
  static final int RUN_SECONDS = 40;

  /**
   * The nosuid case: a tmpfs mounted nosuid inside the run's own mount namespace carries the binary
   * copy.
   */
  private static final String NOSUID_SCRIPT =
      "mount -t tmpfs -o nosuid,mode=0755 capfleet-lab \"$1\" "
          + "&& cp \"$2\" \"$1/replay\" && chmod 0755 \"$1/replay\" && setcap \"$3\" \"$1/replay\" "
          + "&& shift 3 && exec \"$@\"";

  record Run(int exit, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  private LabMachine() {}

  /** A world-readable fresh directory under /tmp: CI's clone may sit where only root can enter. */
  static Path readableDir(String prefix) throws IOException {
    Path dir = Files.createTempDirectory(Path.of("/tmp"), prefix);
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    return dir;
  }

  /**
   * A copy of {@code source} at {@code target}, mode 0755, with file capabilities {@code setcap}
   * (or none).
   */
  static Path copyWithCaps(Path source, Path target, String setcap) throws IOException {
    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
    if (setcap != null) {
      Run r = run(List.of("setcap", setcap, target.toString()), null);
      if (r.exit() != 0) {
        throw new IllegalStateException("setcap " + setcap + " " + target + ": " + r);
      }
    }
    return target;
  }

  /**
   * The argument vector that runs {@code inner} as {@link #USER} under {@code condition}. For
   * NOSUID, {@code nosuidMount} is the (empty) directory to mount over, {@code binary} the copy to
   * put there with {@code setcap}; {@code inner} must then name {@code nosuidMount/replay}.
   */
  static List<String> asUser(
      LabCondition condition,
      boolean ownNetwork,
      Path nosuidMount,
      Path binary,
      String setcap,
      List<String> inner) {
    List<String> argv =
        new ArrayList<>(List.of("timeout", "-k", "5", String.valueOf(RUN_SECONDS - 5)));
    if (ownNetwork) {
      // pcapng adds a qdisc to lo: the run's own network namespace keeps other tests' loopback
      // untouched
      argv.addAll(List.of("unshare", "-n"));
    }
    if (condition == LabCondition.NOSUID) {
      argv.addAll(
          List.of(
              "unshare",
              "-m",
              "--propagation",
              "private",
              "sh",
              "-c",
              NOSUID_SCRIPT,
              "sh",
              nosuidMount.toString(),
              binary.toString(),
              setcap == null ? "=" : setcap));
    }
    if (condition == LabCondition.MEMLOCK_UNLIMITED) {
      argv.addAll(List.of("prlimit", "--memlock=unlimited:unlimited"));
    }
    argv.addAll(List.of("setpriv", "--reuid", USER, "--regid", USER, "--init-groups"));
    if (condition == LabCondition.NO_NEW_PRIVS) {
      argv.addAll(List.of("setpriv", "--no-new-privs"));
    }
    if (condition == LabCondition.USER_NAMESPACE) {
      argv.addAll(List.of("unshare", "-Ur"));
    }
    argv.addAll(inner);
    return argv;
  }

  /**
   * Runs {@code argv} with a clean environment ({@code home} as HOME when given), bounded in time.
   */
  static Run run(List<String> argv, Path home) {
    ProcessBuilder pb = new ProcessBuilder(argv);
    Map<String, String> env = pb.environment();
    env.clear(); // nothing of the test JVM's environment (CI variables, canaries) reaches the
    // user's process
    env.put("PATH", "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin");
    env.put("LANG", "C.UTF-8");
    if (home != null) {
      env.put("HOME", home.toString());
    }
    try {
      Process p = pb.start();
      p.getOutputStream().close();
      CompletableFuture<byte[]> out =
          CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
      CompletableFuture<byte[]> err =
          CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
      if (!p.waitFor(RUN_SECONDS, TimeUnit.SECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        throw new IllegalStateException("timed out after " + RUN_SECONDS + " s: " + argv);
      }
      return new Run(
          p.exitValue(),
          new String(out.join(), StandardCharsets.UTF_8),
          new String(err.join(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + argv + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted: " + argv, e);
    }
  }

  private static byte[] readAll(java.io.InputStream in) {
    try (in) {
      return in.readAllBytes();
    } catch (IOException e) {
      return new byte[0];
    }
  }
}
