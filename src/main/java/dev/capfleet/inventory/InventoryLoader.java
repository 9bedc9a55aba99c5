package dev.capfleet.inventory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.nodes.MappingNode;

/**
 * Loads an inventory file, choosing YAML or INI as Ansible does: a file without extension or ending
 * in {@code .yml}, {@code .yaml} or {@code .json} is YAML when it reads as a YAML mapping, anything
 * else is INI.
 */
public final class InventoryLoader {
  private static final List<String> YAML_EXTENSIONS = List.of(".yml", ".yaml", ".json");

  /**
   * Hundreds of thousands of hosts with their variables; a larger file (or /dev/zero) is a mistake.
   */
  static final int MAX_BYTES = 64 * 1024 * 1024;

  private InventoryLoader() {}

  /**
   * Reads and parses the file; every problem is an {@link InventoryException} naming the file (and
   * line).
   */
  public static Inventory load(Path file) {
    if (Files.isDirectory(file)) {
      return InventorySources.load(List.of(file.toString()), null);
    }
    InventoryBuilder builder = new InventoryBuilder(file);
    readInto(builder, file);
    return builder.build();
  }

  /**
   * Parses inventory text as if read from {@code file} (whose name decides whether YAML is tried).
   */
  public static Inventory parse(Path file, String text) {
    InventoryBuilder builder = new InventoryBuilder(file);
    parseInto(builder, file, text.getBytes(StandardCharsets.UTF_8));
    return builder.build();
  }

  /** Reads one inventory file into an inventory being built (from one source or several). */
  static void readInto(InventoryBuilder builder, Path file) {
    byte[] bytes;
    try (java.io.InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes(MAX_BYTES + 1);
    } catch (java.nio.file.NoSuchFileException e) {
      throw new InventoryException(file, 0, "cannot read inventory: no such file");
    } catch (IOException e) {
      throw new InventoryException(file, 0, "cannot read inventory: " + e.getMessage());
    }
    if (bytes.length > MAX_BYTES) {
      throw new InventoryException(
          file,
          0,
          "larger than "
              + MAX_BYTES / (1024 * 1024)
              + " MiB; not an inventory (split a fleet this large, or check the path)");
    }
    parseInto(builder, file, bytes);
  }

  /**
   * Ansible's plugin order: the YAML plugin takes a file without extension or with a YAML one when
   * it reads as a mapping; everything else (INI text in a {@code .yml} file too) goes to the INI
   * plugin. When neither reads it, the YAML error is the one shown for a YAML-named file.
   */
  private static void parseInto(InventoryBuilder builder, Path file, byte[] bytes) {
    builder.readingFrom(file);
    String extension =
        AdjacentVars.extension(file.getFileName() == null ? "" : file.getFileName().toString());
    InventoryException yamlProblem = null;
    if (extension.isEmpty() || YAML_EXTENSIONS.contains(extension)) {
      MappingNode root = null;
      try {
        root = YamlInventoryParser.rootMapping(file, decodeStrict(file, bytes));
      } catch (InventoryException notYaml) {
        yamlProblem = notYaml;
      }
      if (root != null) {
        YamlInventoryParser.parseInto(builder, root);
        return;
      }
    }
    try {
      IniInventoryParser.parseInto(builder, lines(file, bytes));
    } catch (InventoryException notIni) {
      if (yamlProblem != null && !extension.isEmpty()) {
        throw new InventoryException(
            file,
            yamlProblem.line(),
            yamlProblem.detail()
                + " (nor is it an INI "
                + "inventory: line "
                + notIni.line()
                + ": "
                + notIni.detail()
                + ")");
      }
      throw notIni;
    }
  }

  static String decodeStrict(Path file, byte[] bytes) {
    try {
      return decoder().decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new InventoryException(file, 0, "inventory is not valid UTF-8");
    }
  }

  /**
   * Lines as Python's splitlines gives them; a non-UTF-8 line is tolerated only when it is a
   * comment.
   */
  private static List<String> lines(Path file, byte[] bytes) {
    List<String> lines = new ArrayList<>();
    int start = 0;
    for (int i = 0; i <= bytes.length; i++) {
      boolean end = i == bytes.length;
      byte b = end ? 0 : bytes[i];
      if (end || b == '\n' || b == '\r' || b == 0x0b || b == 0x0c || (b >= 0x1c && b <= 0x1e)) {
        if (end && start == i) {
          break;
        }
        lines.add(decodeLine(file, bytes, start, i, lines.size() + 1));
        if (b == '\r' && i + 1 < bytes.length && bytes[i + 1] == '\n') {
          i++;
        }
        start = i + 1;
      }
    }
    return lines;
  }

  private static String decodeLine(Path file, byte[] bytes, int from, int to, int lineNo) {
    try {
      return decoder().decode(ByteBuffer.wrap(bytes, from, to - from)).toString();
    } catch (CharacterCodingException e) {
      if (to > from && (bytes[from] == '#' || bytes[from] == ';')) {
        return "";
      }
      throw new InventoryException(file, lineNo, "line is not valid UTF-8");
    }
  }

  private static CharsetDecoder decoder() {
    return StandardCharsets.UTF_8
        .newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
  }
}
