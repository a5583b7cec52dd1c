import static io.gatling.javaapi.core.CoreDsl.*;
import static io.github.gatlingllm.LlmDsl.*;

import io.gatling.javaapi.core.*;
import io.github.gatlingllm.javaapi.*;

public class MyLlmTest extends Simulation {
  LlmProtocolBuilder server = llm.baseUrl(System.getProperty("llm.baseUrl", "http://127.0.0.1:8000"))
      .model("my-model")
      .goodput("ttft:500,tpot:50");                  // SLOs for the summary's request goodput

  LlmLoad load = poisson(50).perSecond(10);          // 50 requests, Poisson arrivals at 10 per second

  ScenarioBuilder users = scenario("chat")
      .feed(csv("questions.csv").circular())         // datasets/questions.csv
      .exec(chat("ask").prompt("#{question}").maxTokens(64)
          .check(outputTokens().gt(0), answer().saveAs("answer")));

  {
    setUp(load.inject(users)).protocols(server)
        .assertions(
            global().failedRequests().percent().lt(1.0),
            details("ask TTFT").responseTime().percentile(99.0).lt(800));
  }
}
