#!/usr/bin/env sh
# The local start: builds what is missing or stale, then runs PostgreSQL, Kafka and every service.
# Needs only a JDK 17 or newer. Settings are environment variables (see docs/running.md), e.g.
#   EDGE_PORT=9080 DATA_DIR=/var/tmp/supportdesk ./run.sh
set -eu

cd "$(dirname "$0")"

if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    JAVA="$JAVA_HOME/bin/java"
elif command -v java >/dev/null 2>&1; then
    JAVA=java
else
    echo "run.sh: no Java found. Install a JDK 17 or newer, or set JAVA_HOME." >&2
    exit 1
fi

# "1.8.0_402" -> 8, "17.0.15" -> 17, "21" -> 21
version=$("$JAVA" -version 2>&1 | awk -F '"' '/version/ { print $2; exit }')
major=$(echo "$version" | awk -F. '{ if ($1 == "1") print $2; else print $1 }' | sed 's/[^0-9].*//')
if [ -z "$major" ] || [ "$major" -lt 17 ]; then
    echo "run.sh: Java 17 or newer is needed, found '${version:-unknown}' ($JAVA). Set JAVA_HOME to a JDK 17." >&2
    exit 1
fi

LAUNCHER=platform-launcher/target/platform-launcher.jar
JARS="$LAUNCHER ticket-command/target/ticket-command-exec.jar ticket-query/target/ticket-query-exec.jar
      sla-monitor/target/sla-monitor-exec.jar edge/target/edge-exec.jar"
# Only what goes into the runnable jars decides whether they are stale (not tests, not docs).
SOURCES="pom.xml shared-events service-support ticket-command ticket-query sla-monitor edge platform-launcher"

needs_build() {
    for jar in $JARS; do
        if [ ! -f "$jar" ]; then
            echo "run.sh: $jar is missing."
            return 0
        fi
        for source in $SOURCES; do
            [ -e "$source" ] || continue
            newer=$(find "$source" \( -name target -o -name node_modules \) -prune -o \
                \( -name pom.xml -o -path '*/src/main/*' \) -type f -newer "$jar" -print 2>/dev/null | head -n 1)
            if [ -n "$newer" ]; then
                echo "run.sh: $newer is newer than $jar."
                return 0
            fi
        done
    done
    return 1
}

if needs_build; then
    echo "run.sh: building (./mvnw -q -B -DskipTests package; the first build downloads dependencies)..."
    if [ -x ./mvnw ]; then MVNW=./mvnw; else MVNW="sh ./mvnw"; fi
    if ! $MVNW -q -B -DskipTests package; then
        echo "run.sh: the build failed; see the messages above." >&2
        exit 1
    fi
fi

# exec: the launcher becomes this process, so Ctrl-C reaches it and its shutdown hook stops
# the services, then Kafka, then PostgreSQL.
exec "$JAVA" ${LAUNCHER_JVM_OPTIONS:-} -cp "$LAUNCHER:platform-launcher/target/lib/*" dev.supportdesk.launcher.Platform "$@"
