#!/usr/bin/env bash
# The archive under a desk's load, on this machine only (no network), every process with
# --threads 1, bounded in count and time:
#   1. an archive of ARTICLES generated articles (default 100 000; one JSONL file), indexed once
#      (documents/s);
#   2. for LOAD_SECONDS (default 90): 4 processes running `check --against` on drafts in a loop,
#      1 running `sources`, while 2 indexers add a feed of their own and then re-index it changed,
#      round after round (every run's latency and exit code is logged);
#   3. with the readers still running: 5 times, an indexer on a feed of its own killed with
#      SIGKILL after its first committed batch and before it exits; then one run completes them;
#   4. checks: integrity, every document holds exactly the claims it says (n_claims), and for the
#      seven feeds every stored document has the claims `factlint claims` finds in it (nothing
#      half-written), and every line of every feed is stored (nothing lost).
# Prints p50/p99 latency per reader kind, documents/s indexed, errors, and the checks.
#
#   bash bench/load.sh                          # 100 000 articles
#   ARTICLES=20000 LOAD_SECONDS=60 bash bench/load.sh
#   WORK=/tmp/somewhere bash bench/load.sh       # (default /tmp/factlint-load; never the repo)
set -euo pipefail
cd "$(dirname "$0")/.."
articles=${ARTICLES:-100000}
load_seconds=${LOAD_SECONDS:-90}
feed=${FEED:-3000}
work=${WORK:-/tmp/factlint-load}
tgt=${CARGO_TARGET_DIR:-target}
if [ -z "${BIN:-}" ]; then
  cargo build --release --quiet --bin factlint --bin gen_corpus
  bin=$(realpath "$tgt"/release/factlint)
else
  bin=$(realpath "$BIN") # (a trial of the script with another build; gen_corpus beside it)
fi
mkdir -p "$work"
cd "$work"
rm -rf logs archive.db archive.db-wal archive.db-shm feeds drafts
mkdir -p logs feeds drafts

# ---- corpus: one generation, split into the archive's articles, three feeds and the drafts
total=$((articles + 7 * feed))
gen="gen$total"
if [ ! -f "$gen/stats.json" ]; then
  mb=$(python3 -c "print(round($total * 0.00098 + 0.5, 1))")
  "$(dirname "$bin")"/gen_corpus --mb "$mb" --seed 1 --jsonl --out "$gen" >/dev/null
fi
rules="$work/$gen/rules"
python3 - "$gen/corpus.jsonl" "$articles" "$feed" <<'EOF'
import json, sys
src, n, feed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
lines = open(src, encoding="utf-8").read().splitlines()
assert len(lines) >= n + 7 * feed, f"generated {len(lines)} articles, need {n + 7 * feed}"
open("archive.jsonl", "w").write("\n".join(lines[:n]) + "\n")
for k, name in enumerate(["a", "b", "kill1", "kill2", "kill3", "kill4", "kill5"]):
    part = lines[n + k * feed : n + (k + 1) * feed]
    open(f"feeds/{name}.jsonl", "w").write("\n".join(part) + "\n")
# drafts: 4 files of 5 archived articles each (same stories: the look-ups find matches)
for d in range(4):
    part = [lines[(d * 7919 + i * 104729) % n] for i in range(5)]
    open(f"drafts/draft{d}.jsonl", "w").write("\n".join(part) + "\n")
EOF

now_ms() { date +%s%3N; }

# ---- 1. the archive
t0=$(now_ms)
"$bin" index archive.jsonl --db archive.db --rules "$rules" --threads 1 >logs/build.out 2>logs/build.err
t1=$(now_ms)
echo "build $articles $((t1 - t0))" >logs/build.time
# a subject for `sources`: the person the archive holds most claims on
subject=$(python3 -c "
import sqlite3
c = sqlite3.connect('file:archive.db?mode=ro', uri=True)
print(c.execute('SELECT principal FROM claims WHERE principal LIKE \'gen_%\' GROUP BY principal ORDER BY count(*) DESC LIMIT 1').fetchone()[0])")
echo "sources subject: @$subject ($("$bin" sources --db archive.db --rules "$rules" "@$subject" | tail -1))" >logs/subject

# ---- 2. load: readers in a loop, two indexers adding and re-indexing
deadline=$(( $(date +%s) + load_seconds ))
stop_file=$work/stop
rm -f "$stop_file"
reader() { # kind id args...
  local kind=$1 id=$2; shift 2
  while [ ! -f "$stop_file" ]; do
    local s e code=0
    s=$(now_ms)
    "$bin" "$@" >/dev/null 2>>"logs/$kind$id.err" || code=$?
    e=$(now_ms)
    echo "$kind $((e - s)) $code" >>"logs/$kind$id.lat"
  done
}
indexer() { # name
  local name=$1 round=0
  cp "feeds/$name.jsonl" "feeds/$name.cur.jsonl"
  while [ "$(date +%s)" -lt "$deadline" ]; do
    if [ "$round" -gt 0 ]; then
      # every later round re-indexes every article changed (a correction line added to each)
      python3 - "feeds/$name.jsonl" "feeds/$name.cur.jsonl" "$round" <<'EOF'
import json, sys
src, dst, r = sys.argv[1], sys.argv[2], sys.argv[3]
out = []
for line in open(src, encoding="utf-8"):
    a = json.loads(line)
    a["maintext"] += f"\n\nRettet {r}."
    out.append(json.dumps(a, ensure_ascii=False))
open(dst + ".tmp", "w", encoding="utf-8").write("\n".join(out) + "\n")
EOF
      mv "feeds/$name.cur.jsonl.tmp" "feeds/$name.cur.jsonl"
    fi
    local s e code=0
    s=$(now_ms)
    "$bin" index "feeds/$name.cur.jsonl" --db archive.db --rules "$rules" --threads 1 \
      >"logs/index-$name.$round.out" 2>>"logs/index-$name.err" || code=$?
    e=$(now_ms)
    echo "index $((e - s)) $code $(grep -o '[0-9]* new, [0-9]* changed' "logs/index-$name.$round.out" | tr -d ',')" >>"logs/index-$name.lat"
    round=$((round + 1))
  done
}
pids=()
for d in 0 1 2 3; do
  reader check "$d" check "drafts/draft$d.jsonl" --against archive.db --rules "$rules" --threads 1 &
  pids+=($!)
done
# (`sources` has no --threads: it runs on one thread)
RAYON_NUM_THREADS=1 reader sources 0 sources --db archive.db --rules "$rules" "@$subject" &
pids+=($!)
indexer a & ia=$!
indexer b & ib=$!
wait "$ia" "$ib"

# ---- 3. kill -9 an indexer after its first committed batch, five times (readers still running)
count_kill() { # k
  python3 -c "
import sqlite3, sys
c = sqlite3.connect('file:archive.db?mode=ro', uri=True, timeout=30)
print(c.execute(\"SELECT count(*) FROM documents WHERE path = 'feeds/kill$1.jsonl'\").fetchone()[0])"
}
# each time a feed of its own, so that every run has batches left to write when it is killed
for k in 1 2 3 4 5; do
  before=$(count_kill $k)
  "$bin" index "feeds/kill$k.jsonl" --db archive.db --rules "$rules" --threads 1 --batch 100 \
    >"logs/kill$k.out" 2>"logs/kill$k.err" &
  victim=$!
  committed=$before
  for _ in $(seq 1 3000); do
    committed=$(count_kill $k)
    [ "$committed" -gt "$before" ] && break
    kill -0 "$victim" 2>/dev/null || break
    sleep 0.02
  done
  if kill -0 "$victim" 2>/dev/null; then
    kill -9 "$victim"
    wait "$victim" 2>/dev/null || true
    # right after the kill: the file sound, and every stored document with all of its claims
    whole=$(python3 -c "
import sqlite3
c = sqlite3.connect('file:archive.db?mode=ro', uri=True, timeout=30)
ok = c.execute('PRAGMA quick_check').fetchone()[0]
bad = c.execute('SELECT count(*) FROM documents d WHERE d.n_claims != (SELECT count(*) FROM claims c WHERE c.doc_id = d.id)').fetchone()[0]
print(f'quick_check {ok}, documents missing claims {bad}')")
    echo "kill $k: killed after a committed batch: $(count_kill $k) of $feed documents of its feed stored; $whole" >>logs/kills
  else
    wait "$victim" || true
    echo "kill $k: had exited before the kill ($committed stored)" >>logs/kills
  fi
done
touch "$stop_file"
wait "${pids[@]}"
# one run completes the killed runs' feeds
"$bin" index feeds/kill?.jsonl --db archive.db --rules "$rules" --threads 1 >logs/kill-final.out 2>logs/kill-final.err

# ---- 4. checks and figures
for f in a b kill1 kill2 kill3 kill4 kill5; do
  src=feeds/$f.jsonl
  case $f in kill*) ;; *) src=feeds/$f.cur.jsonl ;; esac
  "$bin" claims --format json --rules "$rules" --threads 1 "$src" >"logs/claims-$f.json"
done
python3 - "$articles" "$feed" "$load_seconds" <<'EOF'
import glob, json, sqlite3, sys
articles, feed, load_seconds = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
def pct(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))] if xs else float("nan")
print(f"articles in the archive build: {articles}; feeds of {feed}; load phase {load_seconds} s")
print(open("logs/subject").read().strip())
kind, n, ms = open("logs/build.time").read().split()
print(f"build: {n} documents in {int(ms)/1000:.1f} s = {int(n)/(int(ms)/1000):.0f} documents/s")
errors = 0
for k in ["check", "sources"]:
    lat, codes = [], []
    for f in glob.glob(f"logs/{k}*.lat"):
        for line in open(f):
            _, m, c = line.split()[:3]
            lat.append(int(m)); codes.append(int(c))
    bad = sum(1 for c in codes if c not in (0, 1))
    errors += bad
    print(f"{k}: {len(lat)} runs, p50 {pct(lat, 50)} ms, p99 {pct(lat, 99)} ms, max {max(lat) if lat else 0} ms, errors {bad}")
docs = secs = runs = 0
for f in glob.glob("logs/index-*.lat"):
    for line in open(f):
        parts = line.split()
        m, c = int(parts[1]), int(parts[2])
        runs += 1
        if c != 0:
            errors += 1
            continue
        written = int(parts[3]) + int(parts[5]) if len(parts) >= 6 else 0
        docs += written; secs += m / 1000
print(f"indexers under load: {runs} runs, {docs} documents written (new or changed) in {secs:.1f} s of index runs = {docs/secs if secs else 0:.0f} documents/s, errors {sum(1 for f in glob.glob('logs/index-*.lat') for l in open(f) if l.split()[2] != '0')}")
for f in sorted(glob.glob("logs/*.err")):
    t = open(f).read().strip()
    if t and "waiting for archive" not in t:
        print(f"stderr of {f}: {t[:300]}")
    waits = t.count("waiting for archive")
    if waits:
        print(f"{f}: said it was waiting {waits} times")
kills = open("logs/kills").read().strip()
print(kills)
kills_ok = len(kills.splitlines()) == 5 and all(
    "killed after" in l and "quick_check ok" in l and "missing claims 0" in l for l in kills.splitlines())
c = sqlite3.connect("file:archive.db?mode=ro", uri=True)
ok = c.execute("PRAGMA integrity_check").fetchone()[0]
fk = c.execute("SELECT count(*) FROM pragma_foreign_key_check").fetchone()[0]
partial = c.execute("SELECT count(*) FROM documents d WHERE d.n_claims != (SELECT count(*) FROM claims c WHERE c.doc_id = d.id)").fetchone()[0]
ndocs, nclaims = c.execute("SELECT count(*) FROM documents").fetchone()[0], c.execute("SELECT count(*) FROM claims").fetchone()[0]
base = c.execute("SELECT count(*) FROM documents WHERE path = 'archive.jsonl'").fetchone()[0]
print(f"archive: {ndocs} documents, {nclaims} claims; integrity {ok}; claims without a document {fk}; documents missing claims {partial}; archive.jsonl documents {base} of {articles}")
bad = []
for f, path in [("a", "feeds/a.cur.jsonl"), ("b", "feeds/b.cur.jsonl")] + [(f"kill{k}", f"feeds/kill{k}.jsonl") for k in range(1, 6)]:
    ref = json.load(open(f"logs/claims-{f}.json"))
    want = {d["line"]: d["claims"] for d in ref["documents"]}
    stored = dict(c.execute("SELECT d.line, (SELECT count(*) FROM claims c WHERE c.doc_id = d.id) FROM documents d WHERE d.path = ?", (path,)).fetchall())
    missing = [l for l in want if l not in stored]
    wrong = [l for l in stored if stored[l] != want.get(l)]
    print(f"feed {f}: {len(stored)} of {len(want)} documents stored, {sum(stored.values())} claims; missing {len(missing)}; with other claims than `claims` finds {len(wrong)}")
    if missing or wrong:
        bad.append(f)
verdict = ok == "ok" and fk == 0 and partial == 0 and base == articles and not bad and errors == 0 and kills_ok
print("errors:", errors)
print("consistent:", "yes" if verdict else "NO")
sys.exit(0 if verdict else 1)
EOF
