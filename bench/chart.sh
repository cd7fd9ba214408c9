#!/usr/bin/env bash
# Draws docs/perf-style PNG charts from drover bench --out reports:
#   bench/chart.sh OUT_DIR REPORT.json [REPORT.json...]
# writes OUT_DIR/latency.png and OUT_DIR/launch-rate.png (see docs/performance.md). Needs the
# developer jar: mvn -B -q package -DskipTests.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$here/dist/target/drover-dev.jar"
if [ ! -f "$jar" ]; then
  echo "chart.sh: $jar is missing; build it first: mvn -B -q package -DskipTests" >&2
  exit 2
fi
exec java -Djava.awt.headless=true -cp "$jar" io.drover.bench.BenchChart "$@"
