#!/usr/bin/env sh
# The benchmark command: builds what is missing or stale, starts the whole platform once on free loopback
# ports (data under benchmarks/target/bench-data, wiped first), warms it up, measures steady-state phases
# beside JDBC, HTTP and Kafka baselines taken in the same run at the same concurrency, stops everything it
# started and prints one report. See docs/benchmarks.md.
#   ./bench.sh                                   # warm-up >= 60 s, then 30 s phases at 1, 4, 16, 64 clients
#   ./bench.sh --clients=4,16 --phase=20s --sections=opens,mix,headline   # or BENCH_CLIENTS=... ./bench.sh
#   ./bench.sh history [--events=N] [--report-tickets=N]   # rebuild rate and report speed (docs/benchmarks.md)
#   ./bench.sh console [--tickets=N] [--repeats=N]         # the agent console in headless Chromium
#   ./bench.sh audit [--events=N] [--inserts=N]             # audit chain: verification rate, append cost
set -eu

cd "$(dirname "$0")"

NAME=bench.sh
. ./scripts/common.sh
find_java

BENCH=benchmarks/target/benchmarks.jar
JARS="$BENCH platform-launcher/target/platform-launcher.jar ticket-command/target/ticket-command-exec.jar
      ticket-query/target/ticket-query-exec.jar sla-monitor/target/sla-monitor-exec.jar edge/target/edge-exec.jar"
SOURCES="pom.xml shared-events http-support service-support ticket-command ticket-query sla-monitor edge platform-launcher benchmarks"

build_if_stale "$JARS" "$SOURCES"

MAIN=dev.supportdesk.benchmarks.Benchmark
if [ "${1:-}" = history ]; then
    shift
    MAIN=dev.supportdesk.benchmarks.HistoryBenchmark
elif [ "${1:-}" = console ]; then
    shift
    MAIN=dev.supportdesk.benchmarks.ConsoleBenchmark
elif [ "${1:-}" = audit ]; then
    shift
    MAIN=dev.supportdesk.benchmarks.AuditBenchmark
fi

# exec: the benchmark becomes this process, so Ctrl-C reaches it and its shutdown hook stops the platform.
exec "$JAVA" ${BENCH_JVM_OPTIONS:--Xmx256m -XX:+UseSerialGC} -cp "$BENCH:benchmarks/target/lib/*" \
    "$MAIN" "$@"
