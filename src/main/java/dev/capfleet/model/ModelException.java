package dev.capfleet.model;

/** A model file that cannot be used; the message names the file and the entry. */
public final class ModelException extends RuntimeException {
  public ModelException(String message) {
    super(message);
  }

  public ModelException(String message, Throwable cause) {
    super(message, cause);
  }
}
