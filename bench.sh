#!/usr/bin/env sh
# The benchmark command: builds what is missing or stale, starts the whole platform once on free loopback
# ports (data under benchmarks/target/bench-data, wiped first), measures it beside raw PostgreSQL and Kafka
# baselines taken in the same run, stops everything it started and prints one table. See docs/benchmarks.md.
#   ./bench.sh                                   # 300 tickets, 4 clients, 50 warm-up
#   ./bench.sh --tickets=1000 --concurrency=8    # or BENCH_TICKETS=1000 BENCH_CONCURRENCY=8 ./bench.sh
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
