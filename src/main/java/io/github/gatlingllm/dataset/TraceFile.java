package io.github.gatlingllm.dataset;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Reads a trace file of one of the {@link TraceFormat}s into {@link TraceEntry entries}: arrival offsets in ms from
 * the earliest request, lengths, hash ids and prompts. Blank lines are ignored, and so are fields the format does not
 * use. A file not sorted by time is sorted stably (equal times keep their file order), with a note. A bad row stops
 * the run with the file, the line, the field, the value and what was expected.
 */
public final class TraceFile {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  /** Azure's timestamps: a date, a space or T, a time, up to 9 decimals of seconds, an optional offset. */
  private static final DateTimeFormatter DATE_TIME =
      new DateTimeFormatterBuilder()
          .appendPattern("uuuu-MM-dd")
          .optionalStart().appendLiteral(' ').optionalEnd()
          .optionalStart().appendLiteral('T').optionalEnd()
          .appendPattern("HH:mm:ss")
          .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd()
          .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
          .toFormatter(Locale.ROOT);

  /**
   * What a file holds.
   *
   * @param entries the requests, by arrival (offsets from the earliest, non-decreasing)
   * @param notes what a user should know: rows skipped, sorting
   */
  public record Contents(List<TraceEntry> entries, List<String> notes) {
    public Contents {
      entries = List.copyOf(entries);
      notes = List.copyOf(notes);
    }
  }

  private TraceFile() {}

  /**
   * Reads {@code file} as {@code format}; {@code name} names it in messages; {@code defaultOutputLen} is the output
   * length of {@link TraceFormat#JSONL} lines without one.
   */
  public static Contents read(Path file, String name, TraceFormat format, int defaultOutputLen) {
    Reader reader = new Reader(name, format, defaultOutputLen);
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String text;
      while ((text = in.readLine()) != null) {
        reader.line(text);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(name + ": " + e.getMessage(), e);
    }
    return reader.contents();
  }

  /** The state of one read: the CSV header, the rows so far and what was skipped. */
  private static final class Reader {
    private final String name;
    private final TraceFormat format;
    private final int defaultOutputLen;
    private final List<TraceEntry> rows = new ArrayList<>();
    private long number;
    private int[] columns;
    private int headerSize;
    private int failed;
    /** Azure's first time: times are kept relative to it, as epoch ms in a double would lose microseconds. */
    private Instant epoch;

    Reader(String name, TraceFormat format, int defaultOutputLen) {
      this.name = name;
      this.format = format;
      this.defaultOutputLen = defaultOutputLen;
    }

    void line(String text) {
      number++;
      if (number == 1 && text.startsWith("\uFEFF")) {
        text = text.substring(1); // a byte order mark, as spreadsheet exports write
      }
      if (text.isBlank()) {
        return;
      }
      switch (format) {
        case MOONCAKE, JSONL -> json(text);
        default -> csv(text);
      }
    }

    Contents contents() {
      if (rows.isEmpty()) {
        throw new DatasetException(name + ": no request in the file, expected " + format.expected());
      }
      List<String> notes = new ArrayList<>();
      if (failed > 0) {
        notes.add(name + ": " + failed + " failed requests (0 Response tokens) skipped, as BurstGPT's "
            + "without_fails files do");
      }
      int outOfOrder = 0;
      for (int i = 1; i < rows.size(); i++) {
        if (rows.get(i).offsetMs() < rows.get(i - 1).offsetMs()) {
          outOfOrder++;
        }
      }
      List<TraceEntry> sorted = new ArrayList<>(rows);
      if (outOfOrder > 0) {
        // List.sort is stable: requests of equal times keep their file order.
        sorted.sort(Comparator.comparingDouble(TraceEntry::offsetMs));
        notes.add(name + ": not sorted by time (" + outOfOrder + " rows earlier than the row before them): "
            + "sorted, equal times in file order");
      }
      double first = sorted.get(0).offsetMs();
      return new Contents(sorted.stream().map(entry -> entry.at(entry.offsetMs() - first)).toList(), notes);
    }

    private String where() {
      return name + ": line " + number + ": ";
    }

    private void json(String text) {
      JsonNode node;
      try {
        node = JSON.readTree(text);
      } catch (JsonProcessingException e) {
        throw new DatasetException(where() + "invalid JSON: " + e.getOriginalMessage(), e);
      }
      if (!node.isObject()) {
        throw new DatasetException(where() + "expected a JSON object: " + format.expected());
      }
      double timestamp = jsonNumber(node, "timestamp");
      long[] hashIds = hashIds(node.get("hash_ids"));
      JsonNode prompt = node.get("prompt");
      if (format == TraceFormat.JSONL && prompt != null && !prompt.isNull()) {
        if (!prompt.isTextual()) {
          throw new DatasetException(where() + "'prompt' is " + JsonTokens.describe(prompt) + ", expected a string");
        }
        int output = node.hasNonNull("output_length") ? jsonInt(node, "output_length", 1) : defaultOutputLen;
        rows.add(new TraceEntry(number, timestamp, 0, output, new long[0], prompt.textValue()));
        return;
      }
      if (format == TraceFormat.JSONL && !node.hasNonNull("input_length")) {
        throw new DatasetException(where() + "neither 'prompt' nor 'input_length': " + format.expected());
      }
      int input = jsonInt(node, "input_length", 1);
      int output =
          format == TraceFormat.JSONL && !node.hasNonNull("output_length")
              ? defaultOutputLen
              : jsonInt(node, "output_length", 1);
      rows.add(new TraceEntry(number, timestamp, input, output, hashIds, null));
    }

    private double jsonNumber(JsonNode node, String field) {
      JsonNode value = node.get(field);
      if (value == null || !value.isNumber() || !Double.isFinite(value.doubleValue())) {
        throw new DatasetException(where() + "'" + field + "' is " + describe(value) + ", expected a number of ms");
      }
      return value.doubleValue();
    }

    private int jsonInt(JsonNode node, String field, int min) {
      JsonNode value = node.get(field);
      if (value == null || !value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < min) {
        throw new DatasetException(where() + "'" + field + "' is " + describe(value) + ", expected an integer >= "
            + min);
      }
      return value.intValue();
    }

    private long[] hashIds(JsonNode value) {
      if (value == null || value.isNull()) {
        return new long[0];
      }
      if (!value.isArray()) {
        throw new DatasetException(where() + "'hash_ids' is " + describe(value) + ", expected an array of integers");
      }
      long[] ids = new long[value.size()];
      for (int i = 0; i < ids.length; i++) {
        JsonNode id = value.get(i);
        if (!id.isIntegralNumber() || !id.canConvertToLong()) {
          throw new DatasetException(where() + "'hash_ids' element " + i + " is " + describe(id)
              + ", expected an integer");
        }
        ids[i] = id.longValue();
      }
      return ids;
    }

    private static String describe(JsonNode value) {
      return value == null ? "missing" : value.isNumber() ? value.toString() : JsonTokens.describe(value);
    }

    private void csv(String text) {
      List<String> cells = cells(text);
      if (columns == null) {
        columns = header(cells);
        headerSize = cells.size();
        return;
      }
      if (cells.size() <= max(columns)) {
        throw new DatasetException(where() + "expected " + headerSize + " columns as the header, got "
            + cells.size() + ": '" + text + "'");
      }
      String[] names = columnNames();
      String time = cells.get(columns[0]);
      double timestamp = format == TraceFormat.AZURE ? dateTimeMs(names[0], time) : secondsMs(names[0], time);
      int input = csvInt(names[1], cells.get(columns[1]), 0);
      int output = csvInt(names[2], cells.get(columns[2]), 0);
      if (format == TraceFormat.BURSTGPT && output == 0) {
        failed++;
        return;
      }
      if (input < 1 || output < 1) {
        throw new DatasetException(where() + "'" + names[input < 1 ? 1 : 2] + "' is " + Math.min(input, output)
            + ", expected an integer >= 1");
      }
      rows.add(new TraceEntry(number, timestamp, input, output, new long[0], null));
    }

    /** The time, input and output columns this format reads, by name. */
    private String[] columnNames() {
      return format == TraceFormat.AZURE
          ? new String[] {"TIMESTAMP", "ContextTokens", "GeneratedTokens"}
          : new String[] {"Timestamp", "Request tokens", "Response tokens"};
    }

    /** Where each of {@link #columnNames()} is in the header row. */
    private int[] header(List<String> cells) {
      String[] names = columnNames();
      int[] found = new int[names.length];
      for (int c = 0; c < names.length; c++) {
        found[c] = -1;
        for (int i = 0; i < cells.size(); i++) {
          if (cells.get(i).equalsIgnoreCase(names[c])) {
            found[c] = i;
          }
        }
        if (found[c] < 0) {
          throw new DatasetException(where() + "the header has no column '" + names[c] + "' (it has "
              + String.join(", ", cells) + "): expected " + format.expected());
        }
      }
      return found;
    }

    private static int max(int[] values) {
      return Arrays.stream(values).max().orElse(0);
    }

    private double dateTimeMs(String column, String value) {
      try {
        TemporalAccessor parsed = DATE_TIME.parse(value);
        ZoneOffset offset =
            parsed.isSupported(ChronoField.OFFSET_SECONDS)
                ? ZoneOffset.ofTotalSeconds(parsed.get(ChronoField.OFFSET_SECONDS))
                : ZoneOffset.UTC;
        Instant instant = LocalDateTime.from(parsed).toInstant(offset);
        if (epoch == null) {
          epoch = instant;
        }
        return (instant.getEpochSecond() - epoch.getEpochSecond()) * 1000.0
            + (instant.getNano() - epoch.getNano()) / 1e6;
      } catch (DateTimeParseException e) {
        throw new DatasetException(where() + "'" + column + "' is '" + value
            + "', expected a date and time such as 2023-11-16 18:15:46.6805900");
      }
    }

    private double secondsMs(String column, String value) {
      try {
        double seconds = Double.parseDouble(value);
        if (Double.isFinite(seconds)) {
          return seconds * 1000.0;
        }
      } catch (NumberFormatException e) {
        // reported below with the expected form
      }
      throw new DatasetException(where() + "'" + column + "' is '" + value + "', expected a number of seconds");
    }

    private int csvInt(String column, String value, int min) {
      try {
        int parsed = Integer.parseInt(value);
        if (parsed >= min) {
          return parsed;
        }
      } catch (NumberFormatException e) {
        // reported below with the expected form
      }
      throw new DatasetException(where() + "'" + column + "' is '" + value + "', expected an integer >= " + min);
    }

    /** Comma-separated cells, trimmed, without surrounding double quotes (the traces quote no comma). */
    private static List<String> cells(String text) {
      List<String> cells = new ArrayList<>();
      for (String cell : text.split(",", -1)) {
        String trimmed = cell.strip();
        if (trimmed.length() >= 2 && trimmed.startsWith("\"") && trimmed.endsWith("\"")) {
          trimmed = trimmed.substring(1, trimmed.length() - 1);
        }
        cells.add(trimmed);
      }
      return cells;
    }
  }
}
