package dev.capfleet.report;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads and writes JSON reports; writes are atomic (temporary file in the same folder, then
 * rename).
 */
public final class JsonReports {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .addModule(ReportSpellings.module())
          .build();

  private JsonReports() {}

  public static ObjectMapper mapper() {
    return MAPPER;
  }

  public static Path write(ScanReport report, Path file) throws IOException {
    return AtomicFiles.write(file, out -> MAPPER.writeValue(out, report));
  }

  /**
   * Reads a report; a missing file is a {@link java.nio.file.NoSuchFileException}, as with any NIO
   * read.
   */
  public static ScanReport read(Path file) throws IOException {
    try (var in = Files.newInputStream(file)) {
      return MAPPER.readValue(in, ScanReport.class);
    }
  }
}
