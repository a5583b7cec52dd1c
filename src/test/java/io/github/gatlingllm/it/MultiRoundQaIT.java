package io.github.gatlingllm.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.gatlingllm.suite.conversation.ConversationSchedule;
import io.github.gatlingllm.suite.conversation.ConversationStart;
import io.github.gatlingllm.dataset.ShareGptDialogues;
import io.github.gatlingllm.dataset.WordTestTokenizer;
import io.github.gatlingllm.mock.MockConfig;
import io.github.gatlingllm.mock.MockLlmServer;
import io.github.gatlingllm.mock.MockRequests;
import io.github.gatlingllm.suite.reports.MultiRoundQaCsv;
import io.github.gatlingllm.suite.reports.MultiRoundQaRecompute;
import io.github.gatlingllm.suite.reports.MultiRoundQaRow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The multi-round QA simulation as users run it (Gatling in its own JVM) against the mock over loopback. The mock
 * counts prompt tokens as words and lists what it received ({@code /mock/requests}), which shows that every round
 * carries the whole history with the real answers.
 */
class MultiRoundQaIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SIMULATION = "io.github.gatlingllm.simulations.MultiRoundQa";
  private static final String BLOCK_TITLE = "==================== Performance summary ======================";

  @TempDir Path results;

  @BeforeAll
  static void warmUpTheMock() throws Exception {
    WarmMock.warmUpMockCode();
  }

  /** The server, answers of exactly {@code answerLen} tokens, and {@code name=value} knobs. */
  private static Map<String, String> knobs(MockLlmServer server, String... settings) {
    Map<String, String> knobs = new HashMap<>();
    knobs.put("llm.baseUrl", server.baseUrl());
    knobs.put("llm.ignoreEos", "true");
    for (String setting : settings) {
      int equals = setting.indexOf('=');
      knobs.put(setting.substring(0, equals), setting.substring(equals + 1));
    }
    return knobs;
  }

  private static Map<String, List<MultiRoundQaRow>> byUser(List<MultiRoundQaRow> rows) {
    Map<String, List<MultiRoundQaRow>> out = new TreeMap<>();
    for (MultiRoundQaRow row : rows) {
      out.computeIfAbsent(Long.toString(row.userId()), k -> new ArrayList<>()).add(row);
    }
    out.values().forEach(list -> list.sort(Comparator.comparingInt(MultiRoundQaRow::questionId)));
    return out;
  }

  @Test
  void syntheticUsersSendTheirWholeHistoryOnScheduleAndTheOriginalsOutputsAreWritten() throws Exception {
    try (MockLlmServer server = MockLlmServer.start(MockConfig.builder().ttftMs(10).itlMs(2).build())) {
      Map<String, String> knobs =
          knobs(server, "llm.numUsers=3", "llm.numRounds=3", "llm.qps=6", "llm.sharedSystemPrompt=20",
              "llm.userHistoryPrompt=30", "llm.answerLen=8", "llm.requestWithUserId=true", "llm.logInterval=1s");
      GatlingRun run = GatlingRun.run(SIMULATION, knobs, results);
      assertEquals(0, run.exitCode, run.output);
      Path folder = run.runFolder();

      ConversationSchedule schedule = new ConversationSchedule(3, 3, 6, 0);
      List<ConversationStart> users = schedule.starts(schedule.defaultJoinWindowSeconds());
      int expected = users.stream().mapToInt(ConversationStart::rounds).sum();
      assertEquals(12, expected, "2 steady-state users with 1 and 2 rounds left, 3 joiners with 3");

      List<String> lines = Files.readAllLines(folder.resolve(MultiRoundQaCsv.FILE_NAME));
      assertEquals(
          "prompt_tokens,generation_tokens,ttft,generation_time,user_id,question_id,launch_time,finish_time",
          lines.get(0));
      List<MultiRoundQaRow> rows = MultiRoundQaCsv.read(folder.resolve(MultiRoundQaCsv.FILE_NAME));
      assertEquals(expected, rows.size());
      Map<String, List<MultiRoundQaRow>> conversations = byUser(rows);
      for (ConversationStart user : users) {
        List<MultiRoundQaRow> rounds = conversations.get(Long.toString(user.userId()));
        assertEquals(user.rounds(), rounds.size(), "user " + user.userId());
        for (int r = 0; r < rounds.size(); r++) {
          MultiRoundQaRow row = rounds.get(r);
          assertEquals(r + 1, row.questionId());
          assertEquals(8, row.generationTokens());
          if (r > 0) {
            // the previous prompt + its 8-word answer + the 15-word question: the whole history, real answers
            assertEquals(rounds.get(r - 1).promptTokens() + 8 + 15, row.promptTokens(), "user " + user.userId());
            // never two requests in flight, and the next one waits for its slot, 0.5 s after the previous one was
            // asked (the CSV's launch is the send, a few ms after the ask on a busy machine: 20 ms of slack)
            assertTrue(row.launchTime() >= rounds.get(r - 1).finishTime());
            assertTrue(row.launchTime() - rounds.get(r - 1).launchTime() >= 0.5 - 0.020, rounds.toString());
          }
        }
      }

      JsonNode sent = JSON.readTree(MockRequests.get(server)).get("requests");
      assertEquals(10 + expected, sent.size(), "10 warm-ups, then the conversations");
      int withUserId = 0;
      for (JsonNode request : sent) {
        if (!request.get("user_id").isNull()) {
          withUserId++;
          assertTrue(conversations.containsKey(request.get("user_id").asText()), request.toString());
          assertEquals(8, request.get("max_tokens").asInt());
        }
      }
      assertEquals(expected, withUserId);

      assertTrue(run.output.split(BLOCK_TITLE, -1).length - 1 >= 2, "periodic and final blocks:\n" + run.output);
      assertTrue(run.output.contains("  QPS: 6.0000 reqs/s\n\n  Processing speed: "), run.output);
      assertTrue(run.output.contains("Schedule: "), run.output);
      assertTrue(run.output.contains("TTFT by round"), run.output);

      JsonNode json = JSON.readTree(folder.resolve("multi-round-qa.json").toFile());
      JsonNode byRound = json.get("ttft_by_round");
      assertEquals(3, byRound.size());
      assertEquals(5, byRound.get(0).get("requests").asInt(), "every user's first request is its round 1");
      assertEquals(4, byRound.get(1).get("requests").asInt());
      assertEquals(3, byRound.get(2).get("requests").asInt());
      assertEquals(expected, json.get("summary").get("finished").asInt());
      assertEquals(expected, JSON.readTree(folder.resolve("llm-summary.json").toFile()).get("completed").asInt());

      String recomputed = MultiRoundQaRecompute.render(rows);
      assertTrue(recomputed.contains("  Requests on-the-fly: 0\n"), recomputed);
      assertTrue(recomputed.contains("round 3 "), recomputed);
    }
  }

  @Test
  void sharegptUsersAskTheRecordedQuestionsWithAnswersCappedByAnswerLen() throws Exception {
    try (MockLlmServer server = MockLlmServer.start(MockConfig.builder().ttftMs(5).itlMs(1).build())) {
      Map<String, String> knobs =
          knobs(server, "llm.dataset=sharegpt", "llm.numUsers=2", "llm.numRounds=2", "llm.qps=8",
              "llm.sharedSystemPrompt=5", "llm.userHistoryPrompt=5", "llm.answerLen=6");
      GatlingRun run = GatlingRun.run(SIMULATION, knobs, results);
      assertEquals(0, run.exitCode, run.output);

      List<MultiRoundQaRow> rows = MultiRoundQaCsv.read(run.runFolder().resolve(MultiRoundQaCsv.FILE_NAME));
      ShareGptDialogues.Loaded words =
          ShareGptDialogues.load(Path.of("datasets/sharegpt-multiturn-sample.json"), 2, 100, new WordTestTokenizer());
      int checked = 0;
      for (List<MultiRoundQaRow> rounds : byUser(rows).values()) {
        rounds.forEach(row -> assertEquals(6, row.generationTokens(), "recorded answers are longer than 6"));
        if (rounds.size() == 2 && rounds.get(0).questionId() == 1) {
          long user = rounds.get(0).userId();
          int question2Words = words.forUser(user).questionTokens()[1];
          assertEquals(rounds.get(0).promptTokens() + 6 + question2Words, rounds.get(1).promptTokens(), "user " + user);
          checked++;
        }
      }
      assertTrue(checked >= 2, "users with both rounds: " + rows);
    }
  }
}
