#!/usr/bin/env bash
# The public status pages over the demo chain in headless Chromium (Debian chromium + chromedriver) as a 390x844
# phone on a 1.6 Mbit/s, 150 ms link (DevTools network emulation), empty cache: bytes before interaction, first
# contentful paint, load. Runs se.skanna.bench.StatusPageBenchmark (skanna-app test sources; not part of the
# suite) against an embedded H2 Skanna; prints a Markdown table, also written to
# skanna-app/target/status-page-bench.md. The best of 3 runs per page.
#
#   bash bench/status-page.sh
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/jdk.sh
./mvnw -B -ntp -q -pl skanna-app -am -Dtest=StatusPageBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dspotless.check.skip=true test
cat skanna-app/target/status-page-bench.md
