package dev.capfleet.inventory;

import java.util.Objects;

/**
 * Text that a YAML source tagged: {@code !unsafe} (Ansible never templates it) or {@code !vault}
 * (ciphertext, which capfleet never decrypts). The tag is kept so that {@code inventory --list}
 * prints the value as ansible-inventory does ({@code {"__ansible_unsafe": "..."}}, {@code
 * {"__ansible_vault": "$ANSIBLE_VAULT;..."}}); everything that uses the value as a setting sees
 * {@link #text()} through {@link Host#var}.
 */
public record TaggedText(Kind kind, String text) {
  /** The two tags, each with the key ansible-inventory's JSON encoder wraps the text in. */
  public enum Kind {
    UNSAFE("__ansible_unsafe", "AnsibleUnsafeText"),
    VAULT("__ansible_vault", "AnsibleVaultEncryptedUnicode");

    private final String jsonKey;
    private final String pythonType;

    Kind(String jsonKey, String pythonType) {
      this.jsonKey = jsonKey;
      this.pythonType = pythonType;
    }

    /** The single key of the JSON object ansible-inventory prints for such a value. */
    public String jsonKey() {
      return jsonKey;
    }

    /** The Python class Ansible's loader makes, as its messages name it. */
    String pythonType() {
      return pythonType;
    }
  }

  public TaggedText {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(text, "text");
  }

  static TaggedText unsafe(String text) {
    return new TaggedText(Kind.UNSAFE, text);
  }

  static TaggedText vault(String text) {
    return new TaggedText(Kind.VAULT, text);
  }

  public boolean isVault() {
    return kind == Kind.VAULT;
  }

  /** The text, as Python's {@code str()} gives it for both classes (no decryption here). */
  @Override
  public String toString() {
    return text;
  }
}
