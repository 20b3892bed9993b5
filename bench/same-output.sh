#!/usr/bin/env bash
# Is the output of a build byte-identical to that of another commit? Builds BASE (default: the
# parent of HEAD) from `git archive` in a temporary folder (sharing this checkout's target folder,
# so the dependencies are not built again) and the working tree, then runs both binaries from
# this folder over the same inputs and compares their output byte for byte: `check` in human,
# JSON, SARIF and HTML, with --corroborations, and `claims --format json`.
#
#   bash bench/same-output.sh                 # HEAD^ against the working tree
#   bash bench/same-output.sh 9c85813         # a given commit
#   MB=100 bash bench/same-output.sh          # and a generated corpus of 100 MB (tools/gen_corpus)
#   PROFILE=release bash bench/same-output.sh # release builds (default: dev)
#   SEED=/path/to/seed bash bench/same-output.sh
#   EXTRA="dir1 dir2" bash bench/same-output.sh  # more input folders (globs expand)
#   BASE_BIN=a NEW_BIN=b bash bench/same-output.sh  # two binaries built already (no build)
#
# Inputs: examples/corpus, tests/fixtures/consistent, the seed corpus when it exists ($SEED, else
# ../shared/corpus/seed), and
# the generated corpus when MB is set. Exit 1 on any difference (listed), 0 when all are equal.
set -euo pipefail
cd "$(dirname "$0")/.."
base=${1:-HEAD^}
profile=${PROFILE:-dev}
dir=$([ "$profile" = dev ] && echo debug || echo "$profile")
tgt=$(pwd)/target
work=$(mktemp -d /tmp/factlint-same.XXXXXX)
trap 'rm -rf "$work"' EXIT

mkdir -p "$work/bin"
if [ -n "${BASE_BIN:-}" ] && [ -n "${NEW_BIN:-}" ]; then
  # binaries built already: compare them, build nothing
  cp "$BASE_BIN" "$work/bin/base"
  cp "$NEW_BIN" "$work/bin/new"
else
  git archive "$(git rev-parse "$base")" | tar -x -C "$work"
  # both trees are one package to cargo (its fingerprint holds paths relative to the package),
  # so each build is told its sources are newer than the other's: without this, a build whose
  # files are older than the other's artifacts is taken as fresh and the two binaries are one
  touch "$work/src/lib.rs"
  (cd "$work" && CARGO_TARGET_DIR="$tgt" cargo build -q --profile "$profile" --bin factlint)
  cp "$tgt/$dir/factlint" "$work/bin/base"
  touch src/lib.rs
  cargo build -q --profile "$profile" --bin factlint
  cp "$tgt/$dir/factlint" "$work/bin/new"
  if cmp -s "$work/bin/base" "$work/bin/new"; then
    echo "note: the two builds are the same binary (no change to the code?)" >&2
  fi
fi

inputs=(examples/corpus tests/fixtures/consistent)
seed=${SEED:-../shared/corpus/seed}
[ -d "$seed" ] && inputs+=("$seed")
# shellcheck disable=SC2206
[ -n "${EXTRA:-}" ] && inputs+=($EXTRA)
if [ -n "${MB:-}" ]; then
  gen=/tmp/factlint-same-gen$MB
  [ -f "$gen/stats.json" ] || cargo run -q --profile "$profile" -p gen_corpus -- --mb "$MB" --seed 1 --out "$gen" 2>/dev/null
  inputs+=("$gen/corpus")
fi

differ=0
for input in "${inputs[@]}"; do
  for args in "check" "check --format json" "check --format sarif" "check --format html" "check --corroborations" "claims --format json"; do
    for b in base new; do
      # exit codes too (1: conflicts found is an answer, not a failure)
      # (the generated corpus is read with its own rules folder)
      rules=()
      [ -n "${gen:-}" ] && [ "$input" = "$gen/corpus" ] && rules=(--rules "$gen/rules")
      ( NO_COLOR=1 "$work/bin/$b" $args "${rules[@]}" --threads 2 "$input" > "$work/$b.out" 2> /dev/null; echo "exit $?" >> "$work/$b.out" ) || true
    done
    if cmp -s "$work/base.out" "$work/new.out"; then
      printf 'same     %-28s %s (%s bytes)\n' "$args" "$input" "$(wc -c < "$work/new.out")"
    else
      printf 'DIFFERS  %-28s %s\n' "$args" "$input"
      diff "$work/base.out" "$work/new.out" | head -5
      differ=1
    fi
  done
done
exit $differ
