#!/usr/bin/env bash
# Scaling of `factlint check`: generated corpora of 10, 100 and 1000 MB (under /tmp, never in the
# repo), timed with --threads 1 and --threads 2; prints MB/s, documents/s and peak RSS, and
# the error-level diagnostics found.
#
#   bash bench/scale.sh                 # 10 100 1000
#   bash bench/scale.sh 10 100          # chosen sizes (MB)
#   JSONL=1 bash bench/scale.sh 100     # one JSONL file instead of folders of .txt
#   GEN_DIR=/somewhere bash bench/scale.sh
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(10 100 1000)
gen_dir=${GEN_DIR:-/tmp/factlint-scale}
threads=${THREADS:-"1 2"}
cargo build --release --quiet --bin factlint
cargo build --release --quiet -p gen_corpus
tgt=${CARGO_TARGET_DIR:-target}
bin="$tgt"/release/factlint
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (apt-get install time)"; exit 2; }
printf '%-8s %-6s %-8s %9s %9s %10s %12s %11s %9s\n' size input threads seconds user_s MB/s docs/s peak_RSS_MB diags
for mb in "${sizes[@]}"; do
  out="$gen_dir/gen$mb${JSONL:+-jsonl}"
  if [ ! -f "$out/stats.json" ]; then
    "$tgt"/release/gen_corpus --mb "$mb" --seed 1 --out "$out" ${JSONL:+--jsonl} 2>/dev/null
  fi
  if [ -n "${JSONL:-}" ]; then input="$out/corpus.jsonl"; kind=jsonl; else input="$out/corpus"; kind=txt; fi
  bytes=$(python3 -c "import json,sys; print(json.load(open('$out/stats.json'))['bytes'])")
  docs=$(python3 -c "import json,sys; print(json.load(open('$out/stats.json'))['documents'])")
  for t in $threads; do
    # warm the page cache once, so that every run reads from memory
    cat "$input" >/dev/null 2>&1 || find "$input" -type f -exec cat {} + >/dev/null
    # timed: the JSON report (a 1 GB corpus's is several GB) written to /dev/null, so that only
    # factlint is measured; the diagnostics are counted from the human report's summary line
    # (the same whatever the thread count: one untimed run a size)
    /usr/bin/time -v -o /tmp/factlint-scale.time "$bin" check "$input" --rules "$out/rules" --format json --threads "$t" >/dev/null || true
    if [ "$t" = "${threads%% *}" ]; then
      diags=$( { "$bin" check "$input" --rules "$out/rules" --format human --threads "$t" 2>/dev/null || true; } | tail -1 | awk '{print $1}')
    fi
    secs=$(awk -F': ' '/Elapsed \(wall clock\)/{n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' /tmp/factlint-scale.time)
    user=$(awk -F': ' '/User time/{print $2}' /tmp/factlint-scale.time)
    rss=$(awk -F': ' '/Maximum resident set size/{printf "%.0f", $2/1024}' /tmp/factlint-scale.time)
    python3 - "$mb" "$kind" "$t" "$secs" "$user" "$bytes" "$docs" "$rss" "$diags" <<'PY'
import sys
mb, kind, t, secs, user, b, d, rss, diags = sys.argv[1:]
secs = float(secs)
print(f"{mb+'MB':<8} {kind:<6} {t:<8} {secs:9.2f} {float(user):9.2f} {int(b)/1e6/secs:10.1f} {int(d)/secs:12.0f} {rss:>11} {diags:>9}")
PY
  done
done
rm -f /tmp/factlint-scale.time
