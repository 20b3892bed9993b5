#!/usr/bin/env bash
# Evaluate factlint on the seed corpus. The figures are asserted by the ignored test
# gold::seed_precision_and_recall (documents, claims, diagnostics and corroborations with and
# without the manifest; extraction precision/recall against tests/gold/seed.toml, each miss and
# extra claim by name): a changed figure fails this script. The check output is shown for reading.
set -euo pipefail
seed=$(cd "${1:-../shared/corpus/seed}" && pwd)
cd "$(dirname "$0")/.."
cargo build -q --bin factlint
bin=target/debug/factlint
echo "== check (with manifest)"
code=0; "$bin" check --corroborations "$seed" > /tmp/factlint-seed.$$ || code=$?
tail -20 /tmp/factlint-seed.$$; rm -f /tmp/factlint-seed.$$
# the seed corpus agrees with itself: exit 0 (1 would be an error-level conflict, 2 no run)
[ "$code" -eq 0 ] || { echo "seed check: exit $code, expected 0"; exit 1; }
echo "== figures and extraction P/R (asserted)"
FACTLINT_SEED="$seed" cargo test -q --test it -- --ignored --exact gold::seed_precision_and_recall --nocapture 2>&1 \
  | tee /tmp/factlint-seed-test.$$ | grep -E "seed gold|missed|extra|test result|panicked|left|right"
grep -q "test result: ok. 1 passed" /tmp/factlint-seed-test.$$ || { rm -f /tmp/factlint-seed-test.$$; echo "seed evaluation failed"; exit 1; }
rm -f /tmp/factlint-seed-test.$$
