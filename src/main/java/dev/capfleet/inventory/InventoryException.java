package dev.capfleet.inventory;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A bad inventory, reported as {@code file:line: message} so a user can fix it without a stack
 * trace.
 */
public final class InventoryException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient Path file;
  private final int line;
  private final String detail;

  /** An error at a line of a file; {@code line} 0 means the line is unknown. */
  public InventoryException(Path file, int line, String detail) {
    super(format(file, line, detail), null, false, false);
    this.file = file;
    this.line = line;
    this.detail = detail;
  }

  /** An error that belongs to no file, such as a bad value found after loading. */
  public InventoryException(String detail) {
    this(null, 0, detail);
  }

  public Optional<Path> file() {
    return Optional.ofNullable(file);
  }

  /** The 1-based line, or 0 when unknown. */
  public int line() {
    return line;
  }

  /** The message without the {@code file:line:} prefix. */
  public String detail() {
    return detail;
  }

  private static String format(Path file, int line, String detail) {
    if (file == null) {
      return detail;
    }
    return line > 0 ? file + ":" + line + ": " + detail : file + ": " + detail;
  }
}
