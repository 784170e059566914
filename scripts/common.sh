# Shared by run.sh and bench.sh (sourced, not run): find a JDK 17+ and build the jars when stale.
# The caller sets NAME (its own name, for messages) and is in the repository root.

# Sets JAVA to a java of version 17 or newer (JAVA_HOME first, else the PATH), or exits.
find_java() {
    if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
        JAVA="$JAVA_HOME/bin/java"
    elif command -v java >/dev/null 2>&1; then
        JAVA=java
    else
        echo "$NAME: no Java found. Install a JDK 17 or newer, or set JAVA_HOME." >&2
        exit 1
    fi
    # "1.8.0_402" -> 8, "17.0.15" -> 17, "21" -> 21
    version=$("$JAVA" -version 2>&1 | awk -F '"' '/version/ { print $2; exit }')
    major=$(echo "$version" | awk -F. '{ if ($1 == "1") print $2; else print $1 }' | sed 's/[^0-9].*//')
    if [ -z "$major" ] || [ "$major" -lt 17 ]; then
        echo "$NAME: Java 17 or newer is needed, found '${version:-unknown}' ($JAVA). Set JAVA_HOME to a JDK 17." >&2
        exit 1
    fi
}

# True when one of the jars ($1, space separated) is missing or older than a pom.xml or a file under
# src/main of the given folders ($2): only what goes into the jars decides (not tests, not docs).
needs_build() {
    for jar in $1; do
        if [ ! -f "$jar" ]; then
            echo "$NAME: $jar is missing."
            return 0
        fi
        for source in $2; do
            [ -e "$source" ] || continue
            newer=$(find "$source" \( -name target -o -name node_modules \) -prune -o \
                \( -name pom.xml -o -path '*/src/main/*' \) -type f -newer "$jar" -print 2>/dev/null | head -n 1)
            if [ -n "$newer" ]; then
                echo "$NAME: $newer is newer than $jar."
                return 0
            fi
        done
    done
    return 1
}

# Builds every jar (tests skipped) when needs_build says so, or exits on a failed build.
build_if_stale() {
    needs_build "$1" "$2" || return 0
    echo "$NAME: building (./mvnw -q -B -DskipTests package; the first build downloads dependencies)..."
    if [ -x ./mvnw ]; then MVNW=./mvnw; else MVNW="sh ./mvnw"; fi
    if ! $MVNW -q -B -DskipTests package; then
        echo "$NAME: the build failed; see the messages above." >&2
        exit 1
    fi
    # Maven leaves a jar whose content did not change untouched; mark them all as built now, so that an
    # edit without effect on a jar (the root pom, say) does not rebuild at every start.
    touch $1
}
