#!/usr/bin/env bash
# Runs NNJ's Spark commands (./nn spark ...): builds nn-spark and what it needs when the build is missing or
# older than a source file, then starts the driver with Spark's jars from the local Maven repository (Spark
# is a provided dependency: a cluster has its own) and NNJ's jars, which the driver ships to executors.
#   ./nn spark train --master local[2] --data train.parquet --test test.parquet
#   ./nn spark convert --images train-images-idx3-ubyte.gz --labels train-labels-idx1-ubyte.gz --out train.parquet
# Environment: JAVA_HOME picks the JDK (Spark 4.0.1 runs on 17 and 21); NN_SPARK_JAVA_OPTS adds driver options
# (default -Xmx2g).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
target="$root/nn-spark/target"

stale() {
  [ -f "$target/driver-class-path.txt" ] && [ -f "$target/application-jars.txt" ] || return 0
  local newer
  newer=$(find "$root" -name target -prune -o -name .git -prune -o -name nn-it -prune -o \
    \( -name '*.java' -o -name pom.xml -o -path '*/src/main/resources/*' \) -type f \
    -newer "$target/driver-class-path.txt" -print -quit)
  [ -n "$newer" ]
}

if stale; then
  echo "nn spark: building nn-spark and the modules it needs (tests skipped)..." >&2
  (cd "$root" && mvn -q -B -DskipTests -Dmaven.javadoc.skip -Dmaven.source.skip -Djapicmp.skip \
     -Dstyle.color=never -pl nn-spark -am package) 2>&1 | sed -e $'s/\x1b\\[[0-9;]*m//g' >&2
  touch "$target/driver-class-path.txt"
fi

java_cmd="java"
[ -n "${JAVA_HOME:-}" ] && java_cmd="$JAVA_HOME/bin/java"
jar=$(ls "$target"/nn-spark-*.jar | grep -v -e sources -e javadoc | head -n 1)

# The JVM options Spark needs on JDK 17+ (as spark-submit passes them), for the driver and the executors.
opens=""
for p in java.lang java.lang.invoke java.lang.reflect java.io java.net java.nio java.util java.util.concurrent \
         java.util.concurrent.atomic sun.nio.ch sun.nio.cs sun.security.action sun.util.calendar; do
  opens+=" --add-opens=java.base/$p=ALL-UNNAMED"
done
executor_opts="$opens --add-modules jdk.incubator.vector"
app_jars="$jar,$(tr ':' ',' < "$target/application-jars.txt")"

# shellcheck disable=SC2086
exec "$java_cmd" $opens --add-modules jdk.incubator.vector ${NN_SPARK_JAVA_OPTS:--Xmx2g} \
  -Dspark.jars="$app_jars" -Dspark.executor.extraJavaOptions="$executor_opts" \
  -Dlog4j2.configurationFile="$root/nn-spark/log4j2-cli.properties" \
  -cp "$jar:$(cat "$target/driver-class-path.txt")" org.nnj.spark.SparkMain "$@"
