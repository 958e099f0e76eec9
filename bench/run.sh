#!/usr/bin/env bash
# make bench: whole-program and per-stage figures on a generated corpus. Prints a table; the
# README's performance section is copied from it.
set -euo pipefail
build=${1:-build}
corpus=$build/bench-corpus
mb=${BENCH_MB:-200}
sections=${BENCH_SECTIONS:-code real scale docsize stages store http}
want() { [[ " $sections " == *" $1 "* ]]; }

if want code || want docsize || want stages || want http; then
  if [ ! -f "$corpus/manifest.txt" ] || [ "$(awk '/jsonl_bytes/{print int($2/1048576)}' "$corpus/manifest.txt")" -lt "$mb" ]; then
    rm -rf "$corpus"
    "$build/gen_corpus" "$build/gazetteer.sgz" "$corpus" "$mb"
  fi
fi
manifest() { awk -v k="$1" '$1==k{print $2}' "$corpus/manifest.txt"; }

# The floor: reading the same bytes and counting lines.
floor() {
  local start end
  start=$(date +%s.%N)
  if [ -d "$1" ]; then find "$1" -type f -exec cat {} + | wc -l >/dev/null; else wc -l "$1" >/dev/null; fi
  end=$(date +%s.%N)
  echo "$start $end" | awk '{print $2-$1}'
}
run() {  # run THREADS INPUT -> "events seconds peak_kb"
  local events
  events=$(/usr/bin/time -o "$build/bench-time.txt" -f "%e %M" "$build/sitrep" code --threads "$1" "$2" | wc -l)
  echo "$events $(cat "$build/bench-time.txt")"
}

if want code; then
printf '\n== sitrep code on the generated corpus (%s MB per format) ==\n' "$mb"
printf '%-10s %-8s %9s %9s %10s %12s %11s %9s %8s\n' format threads seconds MB/s docs/s sentences/s events/s peak_MB floor%
for fmt in jsonl dated; do
  if [ $fmt = jsonl ]; then input=$corpus/corpus.jsonl; else input=$corpus/dated; fi
  bytes=$(manifest ${fmt}_bytes); docs=$(manifest ${fmt}_documents); sents=$(manifest ${fmt}_sentences)
  fl=$(floor "$input")
  for t in 1 2; do
    read -r events secs kb <<<"$(run $t "$input")"
    awk -v f=$fmt -v t=$t -v s="$secs" -v b="$bytes" -v d="$docs" -v n="$sents" -v e="$events" -v k="$kb" -v fl="$fl" \
      'BEGIN{printf "%-10s %-8s %9.2f %9.1f %10.0f %12.0f %11.0f %9.1f %7.1f%%\n", f, t, s, b/1e6/s, d/s, n/s, e/s, k/1024, 100*fl/s}'
  done
  awk -v fl="$fl" -v b="$bytes" 'BEGIN{printf "%-10s floor: read and count lines %.2f s = %.0f MB/s\n", "", fl, b/1e6/fl}'
done
fi

# Real reporting: the development reports of ../shared/data/dev, repeated to REAL_MB, as JSON Lines.
shared=${SITREP_SHARED:-$(dirname "$0")/../../shared}
if want real && [ -d "$shared/data/dev/articles" ]; then
  real=$build/bench-real.jsonl
  python3 - "$shared/data/dev/articles" "$real" "${REAL_MB:-50}" <<'PY'
import glob, json, os, sys
src, out, mb = sys.argv[1], sys.argv[2], int(sys.argv[3])
docs = []
for f in sorted(glob.glob(os.path.join(src, "[0-9]*.txt"))):
    head, _, text = open(f, encoding="utf-8").read().lstrip().partition("\n")
    docs.append((os.path.basename(f)[:-4], head.split()[1], text))
size, i = 0, 0
with open(out, "w", encoding="utf-8") as w:
    while size < mb << 20:
        d, date, text = docs[i % len(docs)]
        line = json.dumps({"id": f"{d}-{i}", "date": date, "text": text}) + "\n"
        w.write(line)
        size += len(line.encode())
        i += 1
PY
  bytes=$(stat -c %s "$real")
  printf '\n== sitrep code on real reports (%s development reports repeated to %.0f MB) ==\n' \
    "$(ls "$shared"/data/dev/articles/[0-9]*.txt | wc -l)" "$(echo "$bytes" | awk '{print $1/1048576}')"
  printf '%-8s %9s %9s %11s %9s\n' threads seconds MB/s events/s peak_MB
  for t in 1 2; do
    read -r events secs kb <<<"$(run $t "$real")"
    awk -v t=$t -v s="$secs" -v b="$bytes" -v e="$events" -v k="$kb" \
      'BEGIN{printf "%-8s %9.2f %9.1f %11.0f %9.1f\n", t, s, b/1e6/s, e/s, k/1024}'
  done
fi

# Cost per KB against document size: one real report repeated into documents of 1 KB to 16 MB.
# Flat means linear; a pairwise pass over mentions would show as a rising column.
if want scale && [ -d "$shared/data/dev/articles" ]; then
  printf '\n== coding time per KB by document size (one real report repeated) ==\n'
  printf '%-10s %9s %11s %9s\n' size seconds ms_per_KB peak_MB
  for kb in 1 16 256 4096 16384; do
    python3 - "$shared/data/dev/articles/100.txt" "$build/bench-scale.txt" "$kb" <<'PY'
import sys
src, out, kb = sys.argv[1], sys.argv[2], int(sys.argv[3])
head, _, text = open(src, encoding="utf-8").read().lstrip().partition("\n")
body = (text.strip() + "\n\n") * (kb * 1024 // len(text) + 1)
open(out, "w", encoding="utf-8").write(head + "\n\n" + body[: kb * 1024])
PY
    /usr/bin/time -o "$build/bench-time.txt" -f "%e %M" "$build/sitrep" code --max-doc-bytes 20000000 \
      --max-doc-events 0 --max-doc-seconds 0 \
      "$build/bench-scale.txt" > /dev/null
    read -r secs peak <<<"$(cat "$build/bench-time.txt")"
    awk -v kb=$kb -v s="$secs" -v k="$peak" 'BEGIN{printf "%-10s %9.2f %11.3f %9.1f\n", kb " KB", s, 1000*s/kb, k/1024}'
  done
fi

if want docsize; then
# One document of each size, cut from the corpus's reports (paragraphs joined), and the same size
# of dense text where every word is a place name (the worst case for the coder). Time per KB
# stays flat because long documents are coded in 32 KiB windows (sitrep/pipeline.h).
printf '\n== coding time per KB by document size (one document, whole program, 1 thread) ==\n'
printf '%-9s %10s %13s %10s %12s\n' size reports_s reports_ms/KB dense_s dense_ms/KB
base=$( { /usr/bin/time -f %e "$build/sitrep" code - < /dev/null > /dev/null; } 2>&1 | tail -1)
for kb in 1 16 256 4096 16384; do
  python3 "$(dirname "$0")/doc_of_size.py" "$corpus/corpus.jsonl" "$kb" "$build/bench-doc.txt" \
    "$build/bench-dense.txt"
  rs=$( { /usr/bin/time -f %e "$build/sitrep" code --max-doc-seconds 0 --max-doc-events 0 "$build/bench-doc.txt" > /dev/null; } 2>&1 | tail -1)
  ds=""  # 16 MB of place names takes minutes; up to 4 MB shows the slope
  if [ "$kb" -le 4096 ]; then
    ds=$( { /usr/bin/time -f %e "$build/sitrep" code --max-doc-seconds 0 --max-doc-events 0 "$build/bench-dense.txt" > /dev/null; } 2>&1 | tail -1)
  fi
  awk -v kb="$kb" -v r="$rs" -v d="$ds" -v b="$base" 'BEGIN{
    printf "%-9s %10.2f %13.3f", kb " KB", r, 1000 * (r - b) / kb;
    if (d == "") printf " %10s %12s\n", "-", "-"; else printf " %10.2f %12.3f\n", d, 1000 * (d - b) / kb }'
done
echo "(ms/KB: time less the $base s the program takes to start with the gazetteer)"
fi

if want stages; then
printf '\n== per stage (Google Benchmark, 1 MB of the corpus) ==\n'
SITREP_BENCH_CORPUS=$corpus/corpus.jsonl "$build/stage_bench" --benchmark_min_time=0.3
fi

if want store; then
printf '\n== store ==\n'
"$build/store_bench" "$build/gazetteer.sgz" "$build/bench-store.db" "${BENCH_EVENTS:-1000000}"
fi

want http || exit 0
printf '\n== HTTP: GET /api/control under load (wrk, loopback, 10 s) ==\n'
db=$build/bench-http.db
rm -f "$db" "$db-wal" "$db-shm"
head -c 20000000 "$corpus/corpus.jsonl" | head -n -1 > "$build/bench-http.jsonl"
"$build/sitrep" ingest --db "$db" "$build/bench-http.jsonl" --threads 2 2>&1 | tail -1
"$build/sitrep" serve --db "$db" --port 0 --threads 4 > "$build/bench-http.port" 2>/dev/null &
server=$!
trap 'kill $server 2>/dev/null' EXIT
for _ in $(seq 50); do grep -q port "$build/bench-http.port" && break; sleep 0.1; done
port=$(awk '/port/{print $2}' "$build/bench-http.port")
events=$("$build/sitrep" events --db "$db" --format jsonl | wc -l)
echo "store: $events events"
wrk -t2 -c16 -d10s --latency "http://127.0.0.1:$port/api/control?at=2020-06-01" | grep -E "Requests/sec|99%|Latency|requests in"
printf '\n== HTTP: small answers, keep-alive and a new connection per request (wrk, 16 connections, 10 s) ==\n'
for path in /api/health /api/stats "/api/events?limit=10"; do
  for mode in keep-alive close; do
    if [ $mode = close ]; then hdr=(-H "Connection: close"); else hdr=(); fi
    wrk -t2 -c16 -d10s --latency "${hdr[@]}" "http://127.0.0.1:$port$path" |
      awk -v p="$path" -v m="$mode" '/Requests\/sec/{r=$2} / 99%/{q=$2} END{printf "%-22s %-11s %10s req/s  p99 %s\n", p, m, r, q}'
  done
done
kill $server
