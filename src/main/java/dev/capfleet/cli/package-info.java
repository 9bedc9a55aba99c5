/**
 * The command line: one class per subcommand ({@code scan}, {@code check}, {@code inventory},
 * {@code explain}, {@code remediate}, {@code diff}, {@code merge}, {@code demo}), option mixins
 * shared between them, and {@link dev.capfleet.cli.Main#run}, which takes its streams and
 * environment as arguments so every command runs in-process in tests. User errors become one line
 * naming the file, line or host and exit code 2 ({@link dev.capfleet.cli.ExitCode}); stack traces
 * only with {@code --debug}.
 *
 * <p>Imports: every stage, since it wires them; the only package that imports picocli.
 */
package dev.capfleet.cli;
