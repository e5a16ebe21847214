package uk.jtai.response.web;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** A table as a spreadsheet download (CSV that Excel opens as UTF-8), never cached. */
public final class CsvDownload {

  private CsvDownload() {}

  public static ResponseEntity<byte[]> of(String filename, List<List<String>> table) {
    StringWriter csv = new StringWriter();
    csv.write('\uFEFF'); // so Excel reads UTF-8
    try (CSVPrinter printer = new CSVPrinter(csv, CSVFormat.EXCEL)) {
      for (List<String> line : table) {
        printer.printRecord(line);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return ResponseEntity.ok()
        .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
        .cacheControl(CacheControl.noStore())
        .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(filename).build().toString())
        .body(csv.toString().getBytes(StandardCharsets.UTF_8));
  }
}
