#!/usr/bin/env bash
# Instructions a byte by language (callgrind, one run each), for the English-against-Icelandic
# figure of bench/README.md. Runs `claims --format json --threads 1` of a release binary over
# per-language folders built under /tmp (never in the repo), less the same run on an empty folder
# (start-up), and prints instructions a byte and claims a kilobyte for each.
#
#   bash bench/lang.sh [BIN]            # default: target/release/factlint
#   REAL=/work/scratch/real bash bench/lang.sh BIN
#
# Folders: `fixtures-en` (tests/fixtures/english ×10) and `fixtures-is` (the four Icelandic
# articles 001, 003, 005, 007 of tests/fixtures/consistent ×10), each with its manifest; with
# REAL set (the collected texts of eval/real, see its README), `real-<lang>` for en, is and nb:
# every text of that language, the Icelandic ones twice (for a folder of like size), with a
# manifest of path, outlet, lang and published from eval/real/stories.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$(realpath "${1:-target/release/factlint}")
work=${WORK:-/tmp/factlint-lang}
rm -rf "$work" && mkdir -p "$work/empty"

python3 - "$work" "${REAL:-}" <<'EOF'
import json, os, shutil, sys, tomllib, glob
work, real = sys.argv[1], sys.argv[2]

def folder(name, items, copies):
    dst = f"{work}/{name}"
    os.makedirs(dst)
    with open(f"{dst}/manifest.jsonl", "w", encoding="utf-8") as m:
        for r in range(copies):
            for src, meta in items:
                base = f"r{r}_{os.path.basename(src)}"
                shutil.copy(src, f"{dst}/{base}")
                m.write(json.dumps(dict(meta, path=base), ensure_ascii=False) + "\n")

def fixtures(src, names):
    man = {}
    for line in open(f"{src}/manifest.jsonl", encoding="utf-8"):
        if line.strip():
            d = json.loads(line)
            man[d["path"]] = d
    names = names or sorted(f for f in os.listdir(src) if f.endswith(".txt"))
    return [(f"{src}/{n}", man[n]) for n in names]

folder("fixtures-en", fixtures("tests/fixtures/english", None), 10)
folder("fixtures-is", fixtures("tests/fixtures/consistent",
       ["001_visir_lest.txt", "003_visir_fundur.txt", "005_mbl_gjafir.txt", "007_ruv_gos.txt"]), 10)
if real:
    by = {}
    for f in sorted(glob.glob("eval/real/stories/*.toml")):
        d = tomllib.load(open(f, "rb"))
        for t in d.get("text", []):
            p = f"{real}/{d['slug']}/{t['id']}.txt"
            if os.path.exists(p):
                meta = {"outlet": t.get("outlet", ""), "lang": t["lang"]}
                if t.get("published"):
                    meta["published"] = str(t["published"])
                # (one name a story and text: ids repeat across stories)
                tmp = f"{work}/src/{d['slug']}__{t['id']}.txt"
                os.makedirs(os.path.dirname(tmp), exist_ok=True)
                shutil.copy(p, tmp)
                by.setdefault(t["lang"], []).append((tmp, meta))
    for lang, copies in (("en", 1), ("is", 2), ("nb", 1)):
        folder(f"real-{lang}", by.get(lang, []), copies)
EOF

run() {
  valgrind --tool=callgrind --callgrind-out-file="$work/cg.$1" "$bin" claims --format json \
    --threads 1 "$work/$1" > "$work/out.$1.json" 2> "$work/log.$1"
  grep -o 'refs: *[0-9,]*' "$work/log.$1" | tr -d ', ' | cut -d: -f2
}
empty=$(run empty)
printf '%-12s %10s %12s %8s %10s %10s\n' folder bytes instructions claims 'a byte' 'claims/kB'
for d in "$work"/fixtures-* "$work"/real-*; do
  [ -d "$d" ] || continue
  n=$(basename "$d")
  ir=$(run "$n")
  bytes=$(find "$d" -type f -printf '%s\n' | awk '{s+=$1} END{print s+0}')
  claims=$(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))['claims']))" "$work/out.$n.json")
  awk -v n="$n" -v b="$bytes" -v ir="$ir" -v e="$empty" -v c="$claims" \
    'BEGIN{printf "%-12s %10d %12d %8d %10.0f %10.2f\n", n, b, ir-e, c, (ir-e)/b, c*1000/b}'
done
echo "start-up (empty folder): $empty instructions"
