#!/usr/bin/env python3
"""Validate tests/mutations.toml against tests/fixtures/consistent/.

For every [[mutation]], [[sidebar]] and [[tolerated]] entry: the file exists, `find` occurs exactly
once (or at least `nth` times when `nth` is given, and then more than once), `replace` differs,
ids are unique, rules are FL001–FL008. Mutations must edit article text; sidebar entries must edit
site furniture (Vísir "Mest lesið … Sjá meira", "AKTUELT NÅ" tail, "Foto:"/"Mynd:" lines).
Prints the number of mutations per rule and checks the suite's minimums.

    python3 tests/gold/check_mutations.py [MUTATIONS.toml] [CORPUS_DIR] [--apply OUTDIR]

--apply OUTDIR  also writes each mutated corpus to OUTDIR/<id>/ (the .txt files and manifest.jsonl),
                for trying the suite by hand with the factlint binary
"""
import shutil
import sys
import tomllib
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from check_gold import furniture, occurrences  # noqa: E402

RULES = {f"FL00{i}" for i in range(1, 9)}
MINIMUM = {"FL001": 3, "FL002": 8, "FL003": 6, "FL004": 5, "FL005": 4, "FL006": 4, "FL007": 3, "FL008": 3}
FIELDS = {"id", "file", "find", "replace", "nth", "rule", "also", "note"}


def apply(raw: str, find: str, nth: int, replace: str) -> str:
    at = occurrences(raw, find)[nth - 1]
    return raw[:at] + replace + raw[at + len(find):]


def main() -> int:
    args = sys.argv[1:]
    outdir = None
    if "--apply" in args:
        i = args.index("--apply")
        outdir = Path(args[i + 1])
        del args[i:i + 2]
    path = Path(args[0]) if args else HERE.parent / "mutations.toml"
    corpus = Path(args[1]) if len(args) > 1 else HERE.parent / "fixtures" / "consistent"
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    errors, ids, per_rule, files = [], set(), Counter(), Counter()
    sections = [("mutation", True), ("sidebar", False), ("tolerated", False)]
    for section, needs_rule in sections:
        for n, m in enumerate(data.get(section, []), 1):
            where = f"[[{section}]] #{n} {m.get('id')!r}"
            extra = set(m) - FIELDS
            if extra:
                errors.append(f"{where}: unknown fields {sorted(extra)}")
            for k in ("id", "file", "find", "replace"):
                if k not in m:
                    errors.append(f"{where}: missing {k}")
            if m.get("id") in ids:
                errors.append(f"{where}: duplicate id")
            ids.add(m.get("id"))
            if needs_rule:
                if m.get("rule") not in RULES:
                    errors.append(f"{where}: bad rule {m.get('rule')!r}")
                for r in m.get("also", []):
                    if r not in RULES or r == m.get("rule"):
                        errors.append(f"{where}: bad 'also' rule {r!r}")
                per_rule[m.get("rule")] += 1
            elif "rule" in m or "also" in m:
                errors.append(f"{where}: {section} entries must not name a rule")
            if m.get("find") == m.get("replace"):
                errors.append(f"{where}: replace equals find")
            f = corpus / m.get("file", "")
            if not f.is_file():
                errors.append(f"{where}: no such file {f}")
                continue
            raw = f.read_text(encoding="utf-8")
            occ = occurrences(raw, m["find"])
            nth = m.get("nth")
            if nth is None:
                if len(occ) != 1:
                    errors.append(f"{where}: find occurs {len(occ)} times (need exactly 1, or give nth)")
                    continue
                nth = 1
            elif len(occ) < nth:
                errors.append(f"{where}: nth={nth} but find occurs {len(occ)} times")
                continue
            elif len(occ) == 1:
                errors.append(f"{where}: nth given but find occurs once")
            at = occ[nth - 1]
            in_furniture = any(a <= at < b for a, b in furniture(raw))
            if section == "sidebar" and not in_furniture:
                errors.append(f"{where}: edit is not inside site furniture")
            if section != "sidebar" and in_furniture:
                errors.append(f"{where}: edit lands inside site furniture")
            files[m["file"]] += 1
            if outdir is not None:
                dest = outdir / m["id"]
                shutil.rmtree(dest, ignore_errors=True)
                dest.mkdir(parents=True)
                for src in corpus.iterdir():
                    if src.is_file():
                        shutil.copy(src, dest / src.name)
                (dest / m["file"]).write_text(apply(raw, m["find"], nth, m["replace"]), encoding="utf-8")

    for rule, least in MINIMUM.items():
        if per_rule[rule] < least:
            errors.append(f"{rule}: {per_rule[rule]} mutations, need at least {least}")
    total = sum(per_rule.values())
    if total < 36:
        errors.append(f"{total} mutations, need at least 36")
    if len(data.get("sidebar", [])) < 5:
        errors.append("need at least 5 [[sidebar]] entries")
    for e in errors:
        print("ERROR:", e)
    print(f"{total} mutations, {len(data.get('sidebar', []))} sidebar edits, "
          f"{len(data.get('tolerated', []))} tolerated edits")
    for rule in sorted(RULES):
        print(f"  {rule} {per_rule[rule]}")
    print("edits per file:")
    for f in sorted(files):
        print(f"  {f:24} {files[f]}")
    print("OK" if not errors else f"{len(errors)} error(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
