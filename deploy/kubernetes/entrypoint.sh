#!/bin/sh
# Entrypoint of the gatling-llm injector image.
#
#   inject [gatling args]   run one Gatling simulation (the default)
#   merge                   merge every injector's llm-requests.csv of one run with Recompute
#   <command> [args]        anything else runs as is (e.g. `sleep infinity` for a pod to `kubectl cp` from)
#
# Environment (all optional unless said otherwise):
#   SIMULATION          simulation class (default io.github.gatlingllm.simulations.ServingBenchmark)
#   RESULTS_FOLDER      Gatling's results folder, where the run folder <simulation>-<timestamp>/ goes (default /results)
#   JAVA_OPTS           JVM options and -D properties, split on spaces (no quoting: a value holds no space);
#                       they come after the defaults below, so they win (e.g. -Xmx3g)
#   RESULTS_ROOT, LLM_RUN_ID, LLM_INJECTOR_COUNT, MERGE_ARGS: merge only, see below
#   OPENAI_API_KEY      sent as a bearer token by the plugin; never printed
set -eu

APP="${GATLING_LLM_HOME:-/opt/gatling-llm}"
# The enterprise package (plugin, simulations, datasets, DJL) first, then Gatling's own jars; no class is in both.
CLASSPATH="$APP/gatling-llm.jar:$APP/lib/*"

# What gatling-maven-plugin passes by default, sized to the container instead of a fixed -Xmx1G: the heap follows the
# memory limit. Heap dumps stay off (the JVM's default; a dump holds the API key).
# ZGC and the metaspace threshold as the pom gives `mvn gatling:test` (BENCHMARKS.md, "Calibration": short pauses,
# no full GC for metadata during the load).
DEFAULT_OPTS="-XX:MaxRAMPercentage=75 -XX:MaxInlineLevel=20 -XX:MaxTrivialSize=12
  --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/jdk.internal.misc=ALL-UNNAMED
  -XX:+UseZGC -XX:MetaspaceSize=128m -Dai.djl.offline=true"

mode="${1:-inject}"
case "$mode" in
  inject)
    [ $# -gt 0 ] && shift
    simulation="${SIMULATION:-io.github.gatlingllm.simulations.ServingBenchmark}"
    results="${RESULTS_FOLDER:-/results}"
    # A share the fleet does not have (completions larger than llm.injectorCount) would be load nobody asked for.
    if [ -n "${INJECTOR_INDEX:-}" ] && [ -n "${LLM_INJECTOR_COUNT:-}" ] && [ "$INJECTOR_INDEX" -ge "$LLM_INJECTOR_COUNT" ]; then
      echo "injector index $INJECTOR_INDEX is not below the injector count $LLM_INJECTOR_COUNT:" \
        "the Job's completions and the ConfigMap's LLM_INJECTOR_COUNT differ" >&2
      exit 64
    fi
    mkdir -p "$results"
    # shellcheck disable=SC2086 # the options are meant to be split
    exec java $DEFAULT_OPTS ${JAVA_OPTS:-} -Dllm.resultsDir="$results" -cp "$CLASSPATH" \
      io.gatling.app.Gatling --simulation "$simulation" --results-folder "$results" "$@"
    ;;
  merge)
    # Exactly one llm-requests.csv per injector 0..N-1 under $RESULTS_ROOT/$LLM_RUN_ID/injector-<i>/<run folder>/:
    # a missing injector would silently shrink the run, a second folder (a rerun) would count its requests twice.
    root="${RESULTS_ROOT:-/results}/${LLM_RUN_ID:?LLM_RUN_ID is required}"
    count="${LLM_INJECTOR_COUNT:?LLM_INJECTOR_COUNT is required}"
    set --
    i=0
    while [ "$i" -lt "$count" ]; do
      found=0
      for csv in "$root/injector-$i"/*/llm-requests.csv; do
        [ -f "$csv" ] || continue
        found=$((found + 1))
        set -- "$@" "$csv"
      done
      if [ "$found" -ne 1 ]; then
        echo "injector $i: expected one llm-requests.csv under $root/injector-$i/*/, found $found" >&2
        exit 65
      fi
      i=$((i + 1))
    done
    mkdir -p "$root/merged"
    echo "merging $count injectors of run $LLM_RUN_ID into $root/merged" >&2
    # shellcheck disable=SC2086
    exec java -XX:MaxRAMPercentage=75 ${JAVA_OPTS:-} -cp "$CLASSPATH" io.github.gatlingllm.report.Recompute \
      --out="$root/merged" ${MERGE_ARGS:-} "$@"
    ;;
  *)
    exec "$@"
    ;;
esac
