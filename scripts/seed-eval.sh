#!/usr/bin/env bash
# Evaluate factlint on the seed corpus: exit code with and without the manifest, corroborations,
# and extraction precision/recall against tests/gold/seed.toml.
set -euo pipefail
seed=${1:-../shared/corpus/seed}
cd "$(dirname "$0")/.."
cargo build --release -q
bin=target/release/factlint
echo "== check (with manifest)"
$bin check --corroborations "$seed" | tail -20
tmp=$(mktemp -d); cp "$seed"/*.txt "$tmp"/
echo "== check (without manifest)"
$bin check --corroborations "$tmp" | tail -8
rm -rf "$tmp"
echo "== extraction P/R against tests/gold/seed.toml"
FACTLINT_SEED="$seed" cargo test -q --test it -- --ignored --nocapture gold::seed 2>&1 | grep -E "seed gold|missed|extra|test result"
