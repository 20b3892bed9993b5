#!/usr/bin/env bash
# factlint's extraction against the tools a desk would otherwise use, on the same generated text:
# Python dateparser (search_dates, languages is/nb/nn) and Miðeind's tokenizer (Icelandic).
# Installs both from PyPI into a venv under /tmp (or $VENV); generated text under /tmp.
#
#   bash bench/compare.sh               # 5 MB of is/nn/nb article text; dateparser on 200 KB of it
#   MB=2 DATEPARSER_KB=100 bash bench/compare.sh
set -euo pipefail
cd "$(dirname "$0")/.."
mb=${MB:-5}
dp_kb=${DATEPARSER_KB:-200}
venv=${VENV:-/tmp/factlint-bench-venv}
work=${WORK:-/tmp/factlint-compare}
cargo build --release --quiet --bin factlint
cargo build --release --quiet -p gen_corpus
tgt=${CARGO_TARGET_DIR:-target}
if [ ! -x "$venv/bin/python" ]; then python3 -m venv "$venv"; fi
"$venv/bin/pip" install --quiet --disable-pip-version-check dateparser tokenizer
mkdir -p "$work"
if [ ! -f "$work/is.txt" ]; then "$tgt"/release/gen_corpus --mb "$mb" --plain --seed 1 --out "$work" 2>/dev/null; fi

# the same paragraphs for every tool: articles of ~2 KB (consecutive paragraphs) as JSONL for factlint
"$venv/bin/python" - "$work" <<'PY'
import json, sys
work = sys.argv[1]
for lang in ("is", "nn", "nb"):
    paras = [p.strip() for p in open(f"{work}/{lang}.txt", encoding="utf-8").read().split("\n\n") if p.strip()]
    with open(f"{work}/{lang}.jsonl", "w", encoding="utf-8") as out:
        doc, n = [], 0
        for p in paras:
            doc.append(p); n += len(p.encode())
            if n >= 2000:
                out.write(json.dumps({"lang": lang, "published": "2023-09-13", "text": "\n\n".join(doc)}, ensure_ascii=False) + "\n")
                doc, n = [], 0
        if doc:
            out.write(json.dumps({"lang": lang, "published": "2023-09-13", "text": "\n\n".join(doc)}, ensure_ascii=False) + "\n")
PY

declare -A fl_mbs
for lang in is nn nb; do
  bytes=$(python3 -c "import json; print(sum(len(json.loads(l)['text'].encode()) for l in open('$work/$lang.jsonl', encoding='utf-8')))")
  # CPU seconds (user + system), not wall-clock: the machine may be shared
  /usr/bin/time -f "%U %S" -o "$work/time.txt" "$tgt"/release/factlint claims --format json --threads 1 "$work/$lang.jsonl" > /dev/null
  cpu=$(awk '{print $1 + $2}' "$work/time.txt")
  fl_mbs[$lang]=$(python3 -c "print($bytes/1e6/max($cpu, 0.01))")
  echo "factlint claims ($lang, 1 thread): $(python3 -c "print(f'{$bytes/1e6:.2f} MB in {$cpu:.2f} CPU s = {${fl_mbs[$lang]}:.2f} MB/s')")"
done

"$venv/bin/python" - "$work" "$dp_kb" "${fl_mbs[is]}" "${fl_mbs[nn]}" "${fl_mbs[nb]}" <<'PY'
import json, sys, time
work, dp_kb = sys.argv[1], int(sys.argv[2])
fl = {"is": float(sys.argv[3]), "nn": float(sys.argv[4]), "nb": float(sys.argv[5])}

def paras(lang):
    out = []
    for line in open(f"{work}/{lang}.jsonl", encoding="utf-8"):
        out += [p for p in json.loads(line)["text"].split("\n\n") if p.strip()]
    return out

import dateparser.search
dateparser.search.search_dates("Hann kom 12. september 2023.", languages=["is"])  # load the language data first
print()
print(f"{'tool':<40} {'lang':<5} {'MB':>7} {'CPU s':>8} {'MB/s':>8} {'factlint ×':>11}")
for lang in ("is", "nn", "nb"):
    sample, n = [], 0
    for p in paras(lang):
        if n >= dp_kb * 1000:
            break
        sample.append(p); n += len(p.encode())
    t = time.process_time()
    found = 0
    for p in sample:
        found += len(dateparser.search.search_dates(p, languages=[lang]) or [])
    dt = time.process_time() - t
    mbs = n / 1e6 / dt
    print(f"{'dateparser.search.search_dates':<40} {lang:<5} {n/1e6:7.2f} {dt:8.2f} {mbs:8.3f} {fl[lang]/mbs:10.0f}×   ({found} dates)")

import tokenizer
ps = paras("is")
n = sum(len(p.encode()) for p in ps)
t = time.process_time()
toks = 0
for p in ps:
    toks += sum(1 for _ in tokenizer.tokenize(p))
dt = time.process_time() - t
mbs = n / 1e6 / dt
print(f"{'Miðeind tokenizer.tokenize':<40} {'is':<5} {n/1e6:7.2f} {dt:8.2f} {mbs:8.3f} {fl['is']/mbs:10.1f}×   ({toks} tokens)")
print()
print("factlint: the whole extraction (read, segment, tokenize, parse, resolve, JSON out) on one thread;")
print("dateparser finds dates only; the Miðeind tokenizer only tokenizes (no claims).")
PY
