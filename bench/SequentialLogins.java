// Usage: java -cp target/capfleet.jar bench/SequentialLogins.java HOST PORT N KNOWN_HOSTS KEY USER [COMMAND [STDIN_FILE]]
import dev.capfleet.transport.*;
import java.nio.file.Path;
import java.util.List;

/** N sequential logins through capfleet's SshExecutor (MINA SSHD), one connection each, for bench/sequential-logins.sh. */
public class SequentialLogins {
  public static void main(String[] a) throws Exception {
    String host = a[0]; int port = Integer.parseInt(a[1]); int n = Integer.parseInt(a[2]);
    SshSettings s = SshSettings.strict(Path.of(a[3])).withDefaultUser(a[5]).withIdentityFiles(List.of(Path.of(a[4])));
    String cmd = a.length > 6 ? a[6] : "true";
    byte[] in = a.length > 7 ? java.nio.file.Files.readAllBytes(Path.of(a[7])) : null;
    try (SshExecutor ex = new SshExecutor(s)) {
      for (int i = 0; i < n; i++) {
        ExecOutcome o = ex.run(SshTarget.of("h", host, port), cmd, in, null).get();
        if (i == 0 || o.status() != ExecOutcome.Status.OK) System.err.println(o.status() + " " + o.exitCode());
      }
    }
  }
}
