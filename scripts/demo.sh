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
# Sam links Alex's numbers and accounts into one person (samples/links.txt).
ids=$($sc people demo-case --json | "${SAFECASE_VENV:-.venv}/bin/python" -c '
import json, sys
wanted = {l.strip() for l in open("samples/links.txt") if l.strip() and not l.startswith("#")}
print(" ".join(str(i["id"]) for p in json.load(sys.stdin) for i in p["identities"]
               if i["value"] in wanted))')
# shellcheck disable=SC2086
$sc link demo-case $ids --name "Alex Morgan"
$sc add demo-case --kind visit --at "2024-03-14 21:05" --where "Home" \
  --text "Alex waited outside my front door for twenty minutes and rang the bell repeatedly" \
  --witness "Priya (neighbour)" --report-ref "CAD 4411/14MAR24" \
  --felt "Frightened; I didn't sleep" --who "+447700900456" --attach samples/assets/car.png
$sc analyze demo-case
# Sam's own review of a few flags (samples/reviews.txt: a phrase from the message, the
# signal she confirmed). In real use the person reviews with `safecase review` or the app.
while IFS='|' read -r phrase signal; do
  case "$phrase" in ''|'#'*) continue ;; esac
  # The first event with that phrase (all of the output is read: no broken pipe).
  id=$($sc events demo-case --jsonl --search "$phrase" \
       | "${SAFECASE_VENV:-.venv}/bin/python" -c 'import json,sys; print(json.loads(sys.stdin.read().splitlines()[0])["id"])')
  $sc review demo-case "$id" --confirm "$signal" --note "confirmed by Sam (sample case)"
done < samples/reviews.txt
$sc verify demo-case
$sc report demo-case --out out/report.pdf --html out/report.html
$sc bundle demo-case --out out/case-bundle.zip --prepared-by "Sam Carter (sample case)"
$sc verify out/case-bundle.zip
echo "Wrote out/report.pdf, out/report.html and out/case-bundle.zip"
if [ "$report_only" = 1 ]; then exit 0; fi
echo "Starting the local app for the sample case (passphrase: $SAFECASE_PASSPHRASE)."
exec $sc serve demo-case --port "$port"
