package io.github.gatlingllm.report;

import io.github.gatlingllm.metrics.ErrorCategory;
import io.github.gatlingllm.metrics.RequestRecord;
import io.github.gatlingllm.metrics.TestRecords;
import io.github.gatlingllm.metrics.TokenSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Records for the per-request file tests: hand-made edge cases, and a seeded random run. */
final class CsvRecords {
  /** The origin of {@link TestRecords}' times: 1 s before its T0. */
  static final RunOrigin ORIGIN = new RunOrigin(1_700_000_000_000L, TestRecords.T0 - 1_000_000_000L);

  private CsvRecords() {}

  /** TestRecords' run in two scenarios, plus the awkward cases: free text needing quotes, no send, no chunk. */
  static List<RequestRecord> edgeCases() {
    List<RequestRecord> records = new ArrayList<>();
    long id = 1;
    for (RequestRecord r : TestRecords.scenario()) {
      r.origin(id % 2 == 0 ? "chat, long" : "short", id, id);
      records.add(r);
      id++;
    }
    RequestRecord quoted = new RequestRecord("name with \"quotes\", commas");
    quoted.origin("short", 7, id++);
    quoted.intended(TestRecords.ms(300));
    quoted.sent(TestRecords.ms(300.000001));
    quoted.chunk(TestRecords.ms(400.123456));
    quoted.httpStatus(200);
    quoted.failed(ErrorCategory.SERVER_ERROR_EVENT, "bad \"token\", then\na new line\r\nand ,,, commas");
    quoted.ended(TestRecords.ms(401));
    records.add(quoted);

    RequestRecord unsent = new RequestRecord("chat");
    unsent.origin("short", 8, id++);
    unsent.intended(TestRecords.ms(50));
    unsent.failed(ErrorCategory.REQUEST_BUILD_ERROR, "prompt: no attribute 'p'");
    unsent.ended(TestRecords.ms(50));
    records.add(unsent);

    RequestRecord silent = new RequestRecord("chat");
    silent.origin("short", 9, id);
    silent.intended(TestRecords.ms(-10)); // before the origin: negative offsets must survive too
    silent.sent(TestRecords.ms(-10));
    silent.httpStatus(200);
    silent.ended(TestRecords.ms(20)); // no chunk and no failure recorded: failed, "stream without choices"
    records.add(silent);
    return records;
  }

  /** A seeded run of {@code n} requests with nanosecond-level times, a few failures, two scenarios. */
  static List<RequestRecord> random(int n, long seed, long t0) {
    Random random = new Random(seed);
    List<RequestRecord> records = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      RequestRecord r = new RequestRecord(i % 3 == 0 ? "completion" : "chat");
      r.origin(i % 2 == 0 ? "a" : "b", i % 17, i + 1);
      long intended = t0 + (long) (random.nextDouble() * 20e9);
      long send = intended + (random.nextInt(4) == 0 ? random.nextInt(50_000_000) : 0);
      r.intended(intended);
      r.sent(send);
      r.httpStatus(200);
      r.promptTokens(50 + random.nextInt(500), TokenSource.USAGE);
      if (i % 4 != 3) { // misses, hits and silent requests, without drawing from the seed's sequence
        r.cachedTokens(r.promptTokens() * (i % 4) / 4);
      }
      int chunks = random.nextInt(10) == 0 ? 0 : 1 + random.nextInt(60);
      long t = send + 20_000_000 + random.nextInt(300_000_000);
      for (int c = 0; c < chunks; c++) {
        r.chunk(t);
        if (c == 0) {
          r.firstContent(t + random.nextInt(3));
        }
        t += random.nextInt(5) == 0 ? 0 : random.nextInt(40_000_000);
      }
      if (chunks == 0) {
        r.httpStatus(503);
        r.failed(ErrorCategory.HTTP_STATUS, "overloaded");
      } else {
        r.outputTokens(chunks + random.nextInt(3), random.nextBoolean() ? TokenSource.USAGE : TokenSource.CHUNKS);
        if (random.nextInt(20) == 0) {
          r.failed(ErrorCategory.IDLE_TIMEOUT, "no byte for 60 s");
        }
      }
      r.ended(t + random.nextInt(1_000_000));
      records.add(r);
    }
    return records;
  }
}
