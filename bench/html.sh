#!/usr/bin/env bash
# The HTML report of the generated 10 MB corpus (gen_corpus --mb 10 --seed 1 --jsonl, under /tmp,
# never in the repo): for each binary given (default: the release build), 5 runs interleaved of
# `check --format html` (two threads, the page to a file), and their medians: wall time, the
# page's own time (FACTLINT_TRACE: from "marked" to "reported"), peak RSS, and the page's size.
# With FIRST_SCREEN=1 the browser test then times the last binary's page in Chromium.
#
#   bash bench/html.sh                                  # target/release/factlint
#   bash bench/html.sh /tmp/factlint-before target/release/factlint
#   RULES=1 bash bench/html.sh                          # with the generator's entities (--rules)
set -euo pipefail
cd "$(dirname "$0")/.."
bins=("$@")
[ ${#bins[@]} -eq 0 ] && bins=(target/release/factlint)
gen=${GEN_DIR:-/tmp/factlint-html-gen10}
runs=${RUNS:-5}
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (apt-get install time)"; exit 2; }
if [ ! -f "$gen/corpus.jsonl" ]; then
  cargo build --release --quiet -p gen_corpus
  "${CARGO_TARGET_DIR:-target}"/release/gen_corpus --mb 10 --seed 1 --out "$gen" --jsonl 2>/dev/null
fi
rules=()
[ -n "${RULES:-}" ] && rules=(--rules "$gen/rules")
cat "$gen/corpus.jsonl" >/dev/null
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for r in $(seq "$runs"); do
  for i in "${!bins[@]}"; do
    FACTLINT_TRACE=1 /usr/bin/time -f '%e %M' -o "$out/time" "${bins[$i]}" check "$gen/corpus.jsonl" \
      "${rules[@]}" --format html --threads 2 >"$out/page$i.html" 2>"$out/trace" || true
    page=$(awk '/trace: marked/{a=$3} /trace: reported/{b=$3} END{printf "%.2f", b-a}' "$out/trace")
    echo "$i $(cat "$out/time" | tail -1) $page $(stat -c %s "$out/page$i.html")" >>"$out/all"
  done
done
printf '%-40s %9s %9s %12s %12s\n' binary wall_s page_s peak_RSS_MB page_MB
for i in "${!bins[@]}"; do
  python3 - "${bins[$i]}" "$i" "$out/all" <<'PY'
import statistics, sys
name, i, path = sys.argv[1], sys.argv[2], sys.argv[3]
rows = [l.split() for l in open(path) if l.split()[0] == i]
med = lambda k: statistics.median(float(r[k]) for r in rows)
walls = ", ".join(r[1] for r in rows)
print(f"{name:<40} {med(1):9.2f} {med(3):9.2f} {med(2)/1024:12.0f} {med(4)/1e6:12.2f}   (walls: {walls})")
PY
done
if [ -n "${FIRST_SCREEN:-}" ]; then
  last=$(( ${#bins[@]} - 1 ))
  cp "$out/page$last.html" /tmp/factlint-html-large.html
  (cd tests/browser && FACTLINT_REPORT=/tmp/factlint-html-large.html node --test report.test.mjs 2>&1 |
    grep -E '^# \{|^# (pass|fail)|first contentful')
fi
