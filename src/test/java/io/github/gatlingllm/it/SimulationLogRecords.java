package io.github.gatlingllm.it;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The records of a Gatling 3.15.1 simulation.log, counted by path and their bytes summed by kind: enough to check what
 * the plugin writes there and what it costs. The binary format is Gatling's (LogFileDataWriter writes it,
 * LogFileReader reads it): a run header, then records that start with a kind byte, strings given once and then
 * referred to by a negative index.
 */
final class SimulationLogRecords {
  private static final int REQUEST = 1;
  private static final int USER = 2;
  private static final int GROUP = 3;
  private static final int ERROR = 4;

  /** "request a/b/name" or "group a/b" (the group's own name last) to the number of such records. */
  final Map<String, Integer> counts = new TreeMap<>();

  /** "name: message" of each request record with a message (a KO's) to the number of such records. */
  final Map<String, Integer> messages = new TreeMap<>();

  /** "run", "request", "user", "group" or "error" to the bytes of those records. */
  final Map<String, Long> bytes = new TreeMap<>();

  final long fileBytes;

  private final Map<Integer, String> strings = new HashMap<>();
  private final DataInputStream in;
  private long position;

  private SimulationLogRecords(Path file) throws IOException {
    this.fileBytes = Files.size(file);
    try (InputStream stream = new BufferedInputStream(Files.newInputStream(file))) {
      this.in = new DataInputStream(stream);
      readRunHeader();
      readRecords();
    }
  }

  static SimulationLogRecords read(Path file) throws IOException {
    return new SimulationLogRecords(file);
  }

  int count(String key) {
    return counts.getOrDefault(key, 0);
  }

  /** Bytes of every record except the run header: what grows with the load. */
  long loadBytes() {
    return fileBytes - bytes.getOrDefault("run", 0L);
  }

  private void readRunHeader() throws IOException {
    if (readByte() != 0) {
      throw new IOException("not a simulation.log: no run record first");
    }
    readString(); // Gatling version
    readString(); // simulation class
    readInt();
    readInt(); // start (a long)
    readString(); // description
    for (int scenarios = readInt(); scenarios > 0; scenarios--) {
      readString();
    }
    for (int assertions = readInt(); assertions > 0; assertions--) {
      skip(readInt());
    }
    bytes.put("run", position);
  }

  private void readRecords() throws IOException {
    while (true) {
      long start = position;
      int kind;
      try {
        kind = readByte();
      } catch (EOFException end) {
        return;
      }
      String name =
          switch (kind) {
            case REQUEST -> {
              List<String> path = readGroups();
              path.add(readCachedString());
              skip(4 + 4 + 1); // start, end, status
              String message = readCachedString();
              if (!message.isEmpty()) {
                messages.merge(String.join("/", path) + ": " + message, 1, Integer::sum);
              }
              yield "request " + String.join("/", path);
            }
            case USER -> {
              skip(4 + 1 + 4); // scenario, start or end, time
              yield "user";
            }
            case GROUP -> {
              List<String> path = readGroups();
              skip(4 + 4 + 4 + 1); // start, end, cumulated response time, status
              yield "group " + String.join("/", path);
            }
            case ERROR -> {
              readCachedString();
              skip(4);
              yield "error";
            }
            default -> throw new IOException("unknown record kind " + kind + " at byte " + start);
          };
      counts.merge(name, 1, Integer::sum);
      bytes.merge(name.split(" ")[0], position - start, Long::sum);
    }
  }

  private List<String> readGroups() throws IOException {
    List<String> groups = new ArrayList<>();
    for (int n = readInt(); n > 0; n--) {
      groups.add(readCachedString());
    }
    return groups;
  }

  private String readCachedString() throws IOException {
    int index = readInt();
    if (index < 0) {
      return strings.get(-index);
    }
    String value = readString();
    strings.put(index, value);
    return value;
  }

  /** A string as Gatling writes it: its internal bytes' length, the bytes and the coder byte (none if empty). */
  private String readString() throws IOException {
    int length = readInt();
    if (length == 0) {
      return "";
    }
    byte[] value = in.readNBytes(length);
    int coder = readByte();
    position += length;
    return new String(value, coder == 0 ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_16LE);
  }

  private int readByte() throws IOException {
    int b = in.readUnsignedByte();
    position += 1;
    return b;
  }

  private int readInt() throws IOException {
    int i = in.readInt();
    position += 4;
    return i;
  }

  private void skip(int n) throws IOException {
    in.skipNBytes(n);
    position += n;
  }
}
