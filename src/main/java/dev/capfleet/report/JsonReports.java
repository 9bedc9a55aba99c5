package dev.capfleet.report;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads and writes JSON reports; writes are atomic (temporary file in the same folder, then rename). */
public final class JsonReports {
  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();

  private JsonReports() {}

  public static ObjectMapper mapper() {
    return MAPPER;
  }

  public static Path write(ScanReport report, Path file) throws IOException {
    return AtomicFiles.write(file, out -> MAPPER.writeValue(out, report));
  }

  public static ScanReport read(Path file) throws IOException {
    return MAPPER.readValue(file.toFile(), ScanReport.class);
  }
}
