package io.github.gatlingllm.action;

import io.gatling.commons.validation.Failure;
import io.gatling.core.check.Check;
import io.gatling.core.check.Check$;
import io.gatling.core.session.Session;
import io.github.gatlingllm.metrics.ErrorCategory;
import io.github.gatlingllm.metrics.RequestRecord;
import java.util.List;
import scala.Option;
import scala.Tuple2;
import scala.jdk.javaapi.CollectionConverters;

/**
 * A request's Gatling checks, run once its stream has ended successfully, on its event loop: they read values the
 * record already holds (and the answer, captured only when a check reads it), so they stay cheap. A failing check
 * fails the record with {@link ErrorCategory#CHECK} and Gatling's own message; what the passing ones save
 * ({@code saveAs}) goes into the session the user takes to its next action, as Gatling's HTTP checks do.
 */
public final class ResponseChecks {
  public static final ResponseChecks NONE = new ResponseChecks(List.of(), false);

  private final scala.collection.immutable.List<Check<LlmResponse>> checks;
  private final boolean readsAnswer;

  /**
   * @param checks the materialized checks, in declaration order
   * @param readsAnswer whether a check reads the answer text, which must then be captured during the stream
   */
  public ResponseChecks(List<Check<LlmResponse>> checks, boolean readsAnswer) {
    this.checks = CollectionConverters.asScala(List.copyOf(checks)).toList();
    this.readsAnswer = readsAnswer;
  }

  public boolean isEmpty() {
    return checks.isEmpty();
  }

  /** Whether the generated text must be captured during the stream (it costs a copy of every chunk's text). */
  public boolean readsAnswer() {
    return readsAnswer;
  }

  /**
   * Runs the checks on a successful request's record. On a failure, the record is failed with the first failing
   * check's message (the later checks still run, as in Gatling, so their saves happen).
   *
   * @param answer the captured visible text, or null when no check reads it
   * @return the session with what the checks saved
   */
  Session apply(Session session, RequestRecord record, String answer) {
    LlmResponse response = new LlmResponse(answer, record.outputTokens(), record.promptTokens());
    Tuple2<Session, Option<Failure>> result = Check$.MODULE$.check(response, session, checks);
    Option<Failure> failure = result._2();
    if (failure.isDefined()) {
      record.failed(ErrorCategory.CHECK, failure.get().message());
    }
    return result._1();
  }
}
