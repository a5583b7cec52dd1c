package io.github.gatlingllm.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gatlingllm.metrics.RequestRecord;
import io.github.gatlingllm.metrics.TestRecords;
import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The background writing of the per-request files: nothing lost, nothing doubled, callers never wait. */
class AsyncLineWriterTest {

  private static RequestRecord request(long id) {
    RequestRecord r = new RequestRecord("chat");
    r.origin("s", id % 100, id);
    r.intended(TestRecords.ms(id));
    r.sent(TestRecords.ms(id));
    r.chunk(TestRecords.ms(id + 10));
    r.chunk(TestRecords.ms(id + 20));
    r.outputTokens(2, io.github.gatlingllm.metrics.TokenSource.USAGE);
    r.ended(TestRecords.ms(id + 21));
    return r;
  }

  @Test
  void manyThreadsRecordingConcurrentlyLandEveryRowExactlyOnce(@TempDir Path dir) throws Exception {
    int threads = 8;
    int perThread = 5_000;
    Path file = dir.resolve(RequestCsvWriter.FILE_NAME);
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> workers = new ArrayList<>();
    try (RequestCsvWriter writer = new RequestCsvWriter(file, CsvRecords.ORIGIN)) {
      for (int t = 0; t < threads; t++) {
        int first = t * perThread + 1;
        Thread worker =
            new Thread(
                () -> {
                  try {
                    start.await();
                  } catch (InterruptedException e) {
                    return;
                  }
                  for (int i = 0; i < perThread; i++) {
                    writer.onRecord(request(first + i));
                  }
                });
        worker.start();
        workers.add(worker);
      }
      start.countDown();
      for (Thread worker : workers) {
        worker.join();
      }
      writer.close();
      assertEquals(0, writer.dropped());
      assertEquals(threads * perThread, writer.written());
      assertNull(writer.failure());
    }
    List<RequestRecord> back = RequestCsvReader.read(file).records();
    assertEquals(threads * perThread, back.size());
    boolean[] seen = new boolean[threads * perThread + 1];
    for (RequestRecord r : back) {
      assertFalse(seen[(int) r.requestId()], "request " + r.requestId() + " twice");
      seen[(int) r.requestId()] = true;
      assertEquals(20_000_000, r.e2elNanos(), "row of request " + r.requestId() + " intact");
    }
  }

  /** A sink whose first write hangs until released: a disk that stalls. */
  private static final class StalledSink extends Writer {
    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    final StringWriter text = new StringWriter();

    @Override
    public void write(char[] buf, int off, int len) throws IOException {
      entered.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        throw new IOException(e);
      }
      text.write(buf, off, len);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }

  @Test
  void aStalledDiskNeverBlocksTheCallerRowsBeyondTheQueueAreDroppedAndCounted() throws Exception {
    StalledSink sink = new StalledSink();
    int capacity = 100;
    RequestCsvWriter writer = new RequestCsvWriter("stalled.csv", sink, CsvRecords.ORIGIN, capacity);
    try {
      assertTrue(sink.entered.await(5, TimeUnit.SECONDS), "the writer thread is stuck writing the header");
      // The calls return although the writer thread cannot write anything (the guard only turns a hang into a
      // failure); the bound and the count show where the rows went.
      int accepted =
          assertTimeoutPreemptively(
              Duration.ofSeconds(60),
              () -> {
                int taken = 0;
                for (int i = 1; i <= 10_000; i++) {
                  taken += writer.record(request(i)) ? 1 : 0;
                }
                return taken;
              });
      assertEquals(capacity, accepted);
      assertEquals(10_000 - capacity, writer.dropped());
    } finally {
      sink.release.countDown();
      writer.close();
    }
    String[] lines = sink.text.toString().split("\n");
    assertEquals(1 + capacity, lines.length, "the header and the queued rows, once the disk is back");
    assertTrue(lines[capacity].startsWith("s,0,100,chat,"), lines[capacity]);
    assertFalse(writer.record(request(1)), "after close: dropped");
    assertEquals(10_000 - capacity + 1, writer.dropped());
  }

  @Test
  void rowsAreOnDiskAfterThePeriodicFlushWithoutAnyClose(@TempDir Path dir) throws Exception {
    Path file = dir.resolve(RequestCsvWriter.FILE_NAME);
    RequestCsvWriter writer = new RequestCsvWriter(file, CsvRecords.ORIGIN);
    try {
      for (int i = 1; i <= 250; i++) {
        writer.onRecord(request(i));
      }
      // As after a SIGKILL: nobody closes the writer; what was flushed is what another process can read.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      List<String> lines = Files.readAllLines(file);
      while (lines.size() < 251 && System.nanoTime() < deadline) {
        Thread.sleep(20);
        lines = Files.readAllLines(file);
      }
      assertEquals(251, lines.size());
      assertEquals(250, RequestCsvReader.read(file).records().size(), "complete rows only");
    } finally {
      writer.close();
    }
  }

  @Test
  void aFailingSinkStopsWritingAndCountsTheRest() throws Exception {
    Writer broken =
        new Writer() {
          @Override
          public void write(char[] buf, int off, int len) throws IOException {
            throw new IOException("No space left on device");
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    AsyncLineWriter<String> writer = new AsyncLineWriter<>("broken", broken, "h", (s, line) -> line.append(s), 10);
    writer.close();
    assertEquals("No space left on device", writer.failure().getMessage());
    assertFalse(writer.offer("late"));
    assertEquals(1, writer.dropped());
  }

  /** A disk with room for {@code room} bytes: the channel then fails as a full disk does. */
  private static java.nio.channels.WritableByteChannel diskWithRoomFor(
      int room, java.io.ByteArrayOutputStream disk) {
    return new java.nio.channels.WritableByteChannel() {
      @Override
      public int write(java.nio.ByteBuffer src) throws IOException {
        if (disk.size() + src.remaining() > room) {
          throw new IOException("No space left on device");
        }
        int n = src.remaining();
        while (src.hasRemaining()) {
          disk.write(src.get());
        }
        return n;
      }

      @Override
      public boolean isOpen() {
        return true;
      }

      @Override
      public void close() {}
    };
  }

  @Test
  void aDiskThatFillsUpMidRunCountsEveryLineNotOnItAsDropped() throws Exception {
    java.io.ByteArrayOutputStream disk = new java.io.ByteArrayOutputStream();
    Writer sink = SyncedFile.over(diskWithRoomFor(1000, disk), () -> {});
    AsyncLineWriter<String> writer = new AsyncLineWriter<>("full", sink, "header", (s, line) -> line.append(s), 100_000);
    int offered = 5000;
    for (int i = 0; i < offered; i++) {
      writer.offer(String.format("row %05d", i)); // 10 bytes a line
    }
    writer.close();
    assertEquals("No space left on device", writer.failure().getMessage());
    long onDisk = disk.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("row ")).count();
    assertEquals(offered, writer.written() + writer.dropped(), "each line is written or counted as dropped");
    assertTrue(writer.written() <= onDisk, "never counted as written when it is not on the disk: " + writer.written());
    assertTrue(writer.dropped() >= offered - onDisk);
  }

  @Test
  void closingAFileForcesItToTheDisk() throws Exception {
    java.io.ByteArrayOutputStream disk = new java.io.ByteArrayOutputStream();
    List<String> order = new java.util.concurrent.CopyOnWriteArrayList<>();
    Writer sink =
        SyncedFile.over(
            diskWithRoomFor(Integer.MAX_VALUE, disk), () -> order.add("force after " + disk.size() + " bytes"));
    AsyncLineWriter<String> writer = new AsyncLineWriter<>("synced", sink, "h", (s, line) -> line.append(s), 10);
    writer.offer("last row");
    writer.close();
    assertEquals("h\nlast row\n", disk.toString(StandardCharsets.UTF_8));
    assertEquals(List.of("force after 11 bytes"), order, "forced once, after the last bytes");
  }

  @Test
  void aRealFileIsCompleteWhenClosed(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("out.csv");
    AsyncLineWriter<String> writer =
        new AsyncLineWriter<>("file", SyncedFile.open(file), "h", (s, line) -> line.append(s), 10);
    writer.offer("a");
    writer.close();
    assertEquals("h\na\n", Files.readString(file));
  }

  @Test
  void closeWritesEverythingOfferedBeforeIt() {
    StringWriter sink = new StringWriter();
    AsyncLineWriter<String> writer =
        new AsyncLineWriter<>("w", sink, null, (s, line) -> line.append(s), AsyncLineWriter.DEFAULT_CAPACITY);
    StringBuilder expected = new StringBuilder();
    for (int i = 0; i < 20_000; i++) { // more than one batch
      writer.offer("line " + i);
      expected.append("line ").append(i).append('\n');
    }
    writer.close();
    assertEquals(expected.toString(), sink.toString());
    assertEquals(20_000, writer.written());
  }

  @Test
  void rowsWaitForAFolderThatAppearsLaterAndAreDroppedIfItNeverDoes(@TempDir Path dir) throws Exception {
    Path folder = dir.resolve("run-123");
    RequestCsvWriter late =
        RequestCsvWriter.inFolder(
            () -> Files.isDirectory(folder) ? java.util.Optional.of(folder) : java.util.Optional.empty(),
            CsvRecords.ORIGIN);
    late.onRecord(request(1));
    late.onRecord(request(2));
    Thread.sleep(3 * AsyncLineWriter.IDLE_WAIT_MILLIS);
    Files.createDirectories(folder); // as Gatling creates its run folder once the run starts
    late.onRecord(request(3));
    late.close();
    assertEquals(3, RequestCsvReader.read(folder.resolve(RequestCsvWriter.FILE_NAME)).records().size());

    RequestCsvWriter never = RequestCsvWriter.inFolder(java.util.Optional::empty, CsvRecords.ORIGIN);
    never.onRecord(request(1));
    never.close();
    assertEquals(1, never.dropped());
    assertEquals(0, never.written());
  }
}
