#!/usr/bin/env sh
# The SLA lateness benchmark: builds what is missing or stale, starts PostgreSQL, Kafka and sla-monitor on free
# loopback ports (data under benchmarks/target/bench-sla-data, wiped first), seeds pending breach deadlines,
# measures how late each lands beside no-op db-scheduler tasks in the same run, and prints one table.
# See docs/benchmarks.md.
#   ./bench-sla.sh                               # 10,000 deadlines over 10 minutes (about 13 minutes in all)
#   ./bench-sla.sh --deadlines=2000 --window=60  # a shorter run
set -eu

cd "$(dirname "$0")"

NAME=bench-sla.sh
. ./scripts/common.sh
find_java

BENCH=benchmarks/target/benchmarks.jar
JARS="$BENCH platform-launcher/target/platform-launcher.jar sla-monitor/target/sla-monitor-exec.jar"
SOURCES="pom.xml shared-events http-support service-support test-support sla-monitor platform-launcher benchmarks"

build_if_stale "$JARS" "$SOURCES"

exec "$JAVA" ${BENCH_JVM_OPTIONS:--Xmx512m -XX:+UseSerialGC} -cp "$BENCH:benchmarks/target/lib/*" \
    dev.supportdesk.benchmarks.SlaLatencyBenchmark "$@"
