package dev.capfleet.probe;

/** The flags a file capability carries: effective, inheritable, permitted. */
public record CapFlags(boolean effective, boolean inheritable, boolean permitted) {
  public static final CapFlags NONE = new CapFlags(false, false, false);

  public CapFlags with(CapFlags other) {
    return new CapFlags(
        effective || other.effective,
        inheritable || other.inheritable,
        permitted || other.permitted);
  }

  public CapFlags without(CapFlags other) {
    return new CapFlags(
        effective && !other.effective,
        inheritable && !other.inheritable,
        permitted && !other.permitted);
  }

  public boolean any() {
    return effective || inheritable || permitted;
  }

  /**
   * What eCapture needs: the capability is granted at exec (p) and active without raising it (e).
   */
  public boolean effectiveAndPermitted() {
    return effective && permitted;
  }

  /** The flags in getcap's order, e.g. {@code eip}, {@code ep}, {@code i}. */
  @Override
  public String toString() {
    return (effective ? "e" : "") + (inheritable ? "i" : "") + (permitted ? "p" : "");
  }
}
