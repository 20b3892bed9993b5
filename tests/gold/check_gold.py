#!/usr/bin/env python3
"""Validate a hand-written gold file (tests/gold/*.toml) against its corpus folder.

Checks that every `text` occurs in its file at least `nth` times, that `nth` is given exactly when
the text is ambiguous in the raw file, that each kind has the fields it needs, and that no
annotation points into site furniture (Vísir "Mest lesið … Sjá meira", "AKTUELT NÅ" tails,
"Foto:"/"Mynd:" lines). Prints counts per kind.

    python3 tests/gold/check_gold.py [GOLD.toml] [CORPUS_DIR] [--show] [--uncovered]

--show       print every annotation with its context
--uncovered  list digits and number/weekday/month words in kept text that no annotation covers
             (a reviewing aid: most are clock times, articles or names, but a miss shows up here)
"""
import re
import sys
import tomllib
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
KINDS = {"count", "part_of_whole", "duration", "date", "since", "time"}
UNITS = {"minute", "hour", "day", "week", "month", "year"}
DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?(/\d{4}-\d{2}-\d{2})?$")
FIELDS = {
    "count": {"value"},
    "part_of_whole": {"value", "whole"},
    "duration": {"value", "unit"},
    "date": {"date"},
    "since": {"value"},
    "time": {"value"},
}
ALLOWED = {"file", "text", "nth", "kind", "value", "whole", "unit", "date"}


def furniture(raw: str) -> list[tuple[int, int]]:
    """Byte ranges (character offsets) of site furniture, as boilerplate rules would strip them."""
    spans = []
    for m in re.finditer(r"Mest lesið.*?Sjá meira", raw, flags=re.S):
        spans.append((m.start(), m.end()))
    i = raw.find("AKTUELT NÅ")
    if i >= 0:
        spans.append((i, len(raw)))
    off = 0
    for line in raw.splitlines(keepends=True):
        if line.lstrip().startswith(("Foto:", "Mynd:")):
            spans.append((off, off + len(line)))
        off += len(line)
    return spans


def occurrences(raw: str, text: str) -> list[int]:
    out, i = [], raw.find(text)
    while i >= 0:
        out.append(i)
        i = raw.find(text, i + 1)
    return out


NUMBERISH = re.compile(
    r"\b(\d[\d.,]*|ein|eitt|ei|to|tre|fire|fem|seks|sju|åtte|ni|ti|tolv|tjue|hundre|"
    r"einn|tveir|tvær|tvö|tveimur|tveggja|þrír|þrjár|þrjú|þremur|þriggja|fjórir|fjórar|fjögur|fjórum|"
    r"fimm|sex|sjö|átta|níu|tíu|"
    r"mánudag\w*|þriðjudag\w*|miðvikudag\w*|fimmtudag\w*|föstudag\w*|laugardag\w*|sunnudag\w*|"
    r"måndag|mandag|tysdag|tirsdag|onsdag|torsdag|fredag|laurdag|lørdag|sundag|søndag|"
    r"janúar|febrúar|apríl|júní|júlí|ágúst|september|október|nóvember|desember|"
    r"januar|juni|juli|august|oktober|november|"
    r"gær|morgun|morges|morgon|nótt|fyrra|fjor|dag)\b",
    re.I,
)


def main() -> int:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    show = "--show" in sys.argv
    uncovered = "--uncovered" in sys.argv
    gold = Path(args[0]) if args else HERE / "consistent.toml"
    corpus = Path(args[1]) if len(args) > 1 else HERE.parent / "fixtures" / "consistent"
    data = tomllib.loads(gold.read_text(encoding="utf-8"))
    claims = data.get("claim", [])
    errors, kinds, per_file = [], Counter(), Counter()
    covered: dict[str, list[tuple[int, int]]] = {}
    seen = set()
    for n, c in enumerate(claims, 1):
        where = f"claim #{n} ({c.get('file')!r}, {c.get('text')!r})"
        extra = set(c) - ALLOWED
        if extra:
            errors.append(f"{where}: unknown fields {sorted(extra)}")
        kind = c.get("kind")
        if kind not in KINDS:
            errors.append(f"{where}: bad kind {kind!r}")
            continue
        need = FIELDS[kind]
        missing = need - set(c)
        if missing:
            errors.append(f"{where}: kind {kind} needs {sorted(missing)}")
        stray = ({"value", "whole", "unit", "date"} - need) & set(c)
        if stray:
            errors.append(f"{where}: kind {kind} must not have {sorted(stray)}")
        if kind == "duration" and c.get("unit") not in UNITS:
            errors.append(f"{where}: bad unit {c.get('unit')!r}")
        if kind == "date" and not DATE_RE.match(str(c.get("date", ""))):
            errors.append(f"{where}: bad date {c.get('date')!r}")
        if kind == "part_of_whole" and c.get("value", 0) > c.get("whole", 0):
            errors.append(f"{where}: part > whole in the CONSISTENT gold")
        if "value" in need and not isinstance(c.get("value"), int):
            errors.append(f"{where}: value must be an integer")
        path = corpus / c["file"]
        if not path.is_file():
            errors.append(f"{where}: no such file {path}")
            continue
        raw = path.read_text(encoding="utf-8")
        occ = occurrences(raw, c["text"])
        nth = c.get("nth", 1)
        if not occ:
            errors.append(f"{where}: text not found in file")
            continue
        if len(occ) < nth:
            errors.append(f"{where}: nth={nth} but text occurs {len(occ)} times")
            continue
        if len(occ) > 1 and "nth" not in c:
            errors.append(f"{where}: text occurs {len(occ)} times; give nth")
        if len(occ) == 1 and "nth" in c:
            errors.append(f"{where}: nth given but text occurs once")
        start = occ[nth - 1]
        end = start + len(c["text"])
        if any(a <= start < b for a, b in furniture(raw)):
            errors.append(f"{where}: annotation points into site furniture")
        key = (c["file"], start, kind)
        if key in seen:
            errors.append(f"{where}: duplicate annotation")
        seen.add(key)
        covered.setdefault(c["file"], []).append((start, end))
        kinds[kind] += 1
        per_file[c["file"]] += 1
        if show:
            ctx = raw[max(0, start - 40):end + 40].replace("\n", " ⏎ ")
            print(f"{c['file']:24} {kind:14} {c.get('value', c.get('date'))!s:22} …{ctx}…")

    if uncovered:
        print("\n-- number-like tokens in kept text not covered by any annotation --")
        for path in sorted(corpus.glob("*.txt")):
            raw = path.read_text(encoding="utf-8")
            skip = furniture(raw)
            spans = covered.get(path.name, [])
            firsts = {}
            for m in NUMBERISH.finditer(raw):
                s = m.start()
                if any(a <= s < b for a, b in skip) or any(a <= s < b for a, b in spans):
                    continue
                ctx = raw[max(0, s - 30):m.end() + 30].replace("\n", " ⏎ ")
                firsts.setdefault(ctx, s)
            for ctx in firsts:
                print(f"{path.name:24} …{ctx}…")

    files = sorted(p.name for p in corpus.glob("*.txt"))
    for f in files:
        if per_file[f] == 0:
            errors.append(f"{f}: no annotations at all")
    for e in errors:
        print("ERROR:", e)
    print(f"\n{len(claims)} claims in {gold.name} over {len(files)} files")
    for k in sorted(KINDS):
        print(f"  {k:14} {kinds[k]}")
    for f in files:
        print(f"  {f:24} {per_file[f]}")
    print("OK" if not errors else f"{len(errors)} error(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
