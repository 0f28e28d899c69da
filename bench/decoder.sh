#!/usr/bin/env bash
# The camera decoder in headless Chromium (Debian chromium + chromedriver): decode time per frame at 640x480 and
# 1280x720 with and without 4x CPU throttling, reads per second through the fake camera, the decoder's download
# size, and the shopper app on a 1.6 Mbit/s, 150 ms link. Runs se.skanna.bench.CameraDecoderBenchmark (skanna-app
# test sources; not part of the suite) against an embedded H2 Skanna and prints a Markdown report, also written
# to skanna-app/target/decoder-bench.md.
#
#   bash bench/decoder.sh
#   FRAMES=10 bash bench/decoder.sh    # a quick check only
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/jdk.sh
./mvnw -B -ntp -q -pl skanna-app -am -Dtest=CameraDecoderBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -DargLine="-Dbench.frames=${FRAMES:-40}" -Dspotless.check.skip=true test
cat skanna-app/target/decoder-bench.md
