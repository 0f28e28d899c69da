#!/usr/bin/env bash
# Runs JMH benchmarks from the test sources of skanna-gs1 and skanna-app.
#
#   bash bench/jmh.sh BarcodeReaderBenchmark          # parsing alone
#   bash bench/jmh.sh CatalogLookupBenchmark          # parse + look-up through the real Catalog, 200,000 products
#   bash bench/jmh.sh CatalogLookupBenchmark -wi 5 -i 10 -f 2   # any JMH options after the pattern
#
# Defaults: 3 warm-up and 5 measured iterations of 2 s, 1 fork. Results are printed and saved as JSON under
# bench/results/.
set -euo pipefail
cd "$(dirname "$0")/.."

. scripts/jdk.sh

pattern=${1:?usage: bench/jmh.sh <benchmark-regex> [jmh options]}
shift
options=("$@")
[ ${#options[@]} -gt 0 ] || options=(-wi 3 -w 2s -i 5 -r 2s -f 1)

./mvnw -B -q -ntp -Dspotless.check.skip=true -DskipTests install -pl skanna-gs1,skanna-pricing -am >/dev/null
./mvnw -B -q -ntp -Dspotless.check.skip=true -DskipTests test-compile -pl skanna-gs1,skanna-pricing,skanna-app
cp_file=$(mktemp)
trap 'rm -f "$cp_file"' EXIT
classpath=""
for module in skanna-gs1 skanna-pricing skanna-app; do
  ./mvnw -B -q -ntp dependency:build-classpath -pl "$module" -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file" >/dev/null
  classpath="$classpath:$module/target/test-classes:$module/target/classes:$(cat "$cp_file")"
done

mkdir -p bench/results
out="bench/results/jmh-$(date -u +%Y%m%dT%H%M%SZ).json"
"$JAVA_HOME/bin/java" -cp "${classpath#:}" org.openjdk.jmh.Main "$pattern" "${options[@]}" -rf json -rff "$out"
echo "Results: $out"
