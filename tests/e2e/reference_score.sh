#!/usr/bin/env bash
# Codes the reference article and scores it against its hand-coded gold with the shared scorer:
# every required row found, no false capture. Skipped (77) only when ../shared is absent.
set -euo pipefail
sitrep=$1
shared=$2
if [ ! -f "$shared/data/seed/gold.tsv" ]; then
  echo "shared/ not found beside the checkout: $shared" >&2
  exit 77
fi
"$sitrep" code --format jsonl "$shared/data/seed/000_4a79dbf7bae2aa6b.txt" |
  python3 "$shared/tools/score_events.py" "$shared/data/seed/gold.tsv" - --min-recall 1.0 --max-false-captures 0
