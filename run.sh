#!/usr/bin/env sh
# The local start: builds what is missing or stale, then runs PostgreSQL, Kafka and every service.
# Needs only a JDK 17 or newer. Settings are environment variables (see docs/running.md), e.g.
#   EDGE_PORT=9080 DATA_DIR=/var/tmp/supportdesk ./run.sh
set -eu

cd "$(dirname "$0")"

NAME=run.sh
. ./scripts/common.sh
find_java

LAUNCHER=platform-launcher/target/platform-launcher.jar
JARS="$LAUNCHER ticket-command/target/ticket-command-exec.jar ticket-query/target/ticket-query-exec.jar
      sla-monitor/target/sla-monitor-exec.jar edge/target/edge-exec.jar"
# Only what goes into the runnable jars decides whether they are stale (not tests, not docs).
SOURCES="pom.xml shared-events http-support service-support ticket-command ticket-query sla-monitor edge platform-launcher"

build_if_stale "$JARS" "$SOURCES"

# exec: the launcher becomes this process, so Ctrl-C reaches it and its shutdown hook stops
# the services, then Kafka, then PostgreSQL.
exec "$JAVA" ${LAUNCHER_JVM_OPTIONS:-} -cp "$LAUNCHER:platform-launcher/target/lib/*" dev.supportdesk.launcher.Platform "$@"
