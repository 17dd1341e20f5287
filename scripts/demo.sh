#!/usr/bin/env bash
# The main job: builds the sample case from samples/, writes the evidence report into out/,
# and serves the local app.   bash scripts/demo.sh [--report-only] [--port N]
set -euo pipefail
cd "$(dirname "$0")/.."
report_only=0; port=8765
while [ $# -gt 0 ]; do
  case "$1" in
    --report-only) report_only=1 ;;
    --port) port="$2"; shift ;;
    *) echo "usage: bash scripts/demo.sh [--report-only] [--port N]" >&2; exit 2 ;;
  esac
  shift
done

bash scripts/setup.sh app
sc="${SAFECASE_VENV:-.venv}/bin/safecase"
# The sample case is synthetic; its passphrase is not a secret. Real cases: choose your own.
export SAFECASE_PASSPHRASE="${SAFECASE_PASSPHRASE:-sample case passphrase}"
rm -rf demo-case out
mkdir -p out
$sc init demo-case --tz Europe/London --region GB --name "Sam Carter"
# Each line of samples/imports.txt: a path under samples/ and its import options.
while read -r path opts; do
  case "$path" in ''|'#'*) continue ;; esac
  # shellcheck disable=SC2086
  $sc import demo-case "samples/$path" $opts
done < samples/imports.txt
$sc add demo-case --kind visit --at "2024-03-14 21:05" --where "Home" \
  --text "Alex waited outside my front door for twenty minutes and rang the bell repeatedly" \
  --witness "Priya (neighbour)" --report-ref "CAD 4411/14MAR24" \
  --felt "Frightened; I didn't sleep" --who "+447700900456" --attach samples/assets/car.png
$sc verify demo-case
$sc events demo-case > out/summary.txt
echo "Wrote out/summary.txt"
if [ "$report_only" = 1 ]; then exit 0; fi
echo "The local app is not built yet; see out/summary.txt."
