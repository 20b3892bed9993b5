#!/usr/bin/env python3
"""Score factlint on the real-news development set (eval/real/README.md says what it is).

    python3 eval/real/score.py --texts /work/scratch/real [--bin PATH] [--story SLUG ...]
                               [--stories DIR] [--gold DIR] [--json OUT] [--show]

For every story (stories/<slug>.toml) the texts (<texts>/<slug>/<id>.txt, outside the repo) are
checked against their recorded SHA-256, copied into a temporary folder with a manifest.jsonl
(path, outlet, url, published; not lang: detecting it is part of what is measured), and run
through `factlint check --format json`; error-level diagnostics are scored against the story's
[[disagreement]]s. Texts with `gold = true` are also run through `factlint claims --format json`
and their claims matched to gold/<slug>.toml. Exit 0 when scored, 2 when the set cannot be
scored (a text missing or changed, a quote not in its file, a broken TOML, factlint failing).

Python 3.11+ standard library only.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
DISAGREEMENT_KINDS = ["count", "part_of_whole", "duration", "date", "relative_date", "time", "since"]


class Refuse(Exception):
    """The set cannot be scored; exit 2 with these lines."""

    def __init__(self, lines):
        super().__init__("\n".join(lines))
        self.lines = list(lines)


# ------------------------------------------------------------------------------------------ spans


def find_nth(data: bytes, quote: str, nth: int):
    """Byte span of the nth (1-based) occurrence of `quote` in the UTF-8 bytes `data`.

    Occurrences are counted without overlap, left to right (as Rust's `match_indices`, which the
    gold test in tests/it/gold.rs uses)."""
    q = quote.encode("utf-8")
    if not q or nth < 1:
        return None
    pos, seen = 0, 0
    while True:
        i = data.find(q, pos)
        if i < 0:
            return None
        seen += 1
        if seen == nth:
            return (i, i + len(q))
        pos = i + len(q)


def overlaps(a, b) -> bool:
    return a[0] < b[1] and b[0] < a[1]


# ---------------------------------------------------------------------------------------- loading


def load_toml(path: Path, problems: list) -> dict | None:
    try:
        with open(path, "rb") as f:
            return tomllib.load(f)
    except (OSError, tomllib.TOMLDecodeError) as e:
        problems.append(f"{path}: cannot read: {e}")
        return None


def as_nth(entry: dict, where: str, problems: list) -> int:
    n = entry.get("nth", 1)
    if not isinstance(n, int) or isinstance(n, bool) or n < 1:
        problems.append(f"{where}: nth must be a positive integer, got {n!r}")
        return 1
    return n


class Text:
    def __init__(self, story: str, d: dict, texts_dir: Path):
        self.story = story
        self.id = d.get("id")
        self.url = d.get("url")
        self.outlet = d.get("outlet")
        self.lang = d.get("lang", "?")
        self.published = d.get("published")
        self.sha256 = str(d.get("sha256", "")).lower()
        self.gold = bool(d.get("gold", False))
        self.path = texts_dir / story / f"{self.id}.txt"
        self.data: bytes | None = None

    def published_str(self):
        p = self.published
        if isinstance(p, (dt.date, dt.datetime)):
            return p.isoformat()[:10]
        return str(p) if p else None


class Story:
    def __init__(self, path: Path, d: dict, gold: dict | None, texts_dir: Path, problems: list):
        self.file = path
        self.slug = d.get("slug") or path.stem
        if self.slug != path.stem:
            problems.append(f"{path}: slug {self.slug!r} differs from the file name")
        self.title = d.get("title", "")
        self.texts: list[Text] = []
        for i, t in enumerate(d.get("text", [])):
            tx = Text(self.slug, t, texts_dir)
            if not tx.id or not isinstance(tx.id, str):
                problems.append(f"{path}: [[text]] #{i + 1} has no id")
                continue
            if not tx.sha256:
                problems.append(f"{path}: text {tx.id} has no sha256")
            self.texts.append(tx)
        ids = [t.id for t in self.texts]
        for dup in sorted({i for i in ids if ids.count(i) > 1}):
            problems.append(f"{path}: text id {dup} listed twice")
        self.by_id = {t.id: t for t in self.texts}
        self.facts = d.get("fact", [])
        self.disagreements = d.get("disagreement", [])
        self.gold_file = gold
        self.gold_claims = (gold or {}).get("claim", [])
        self.not_claims = (gold or {}).get("not_claim", [])
        # texts read in full that hold no numeric or dated claim at all (`no_claims = ["id"]`)
        self.no_claims = set((gold or {}).get("no_claims", []))

    @property
    def langs(self):
        return sorted({t.lang for t in self.texts})


def check_texts(story: Story, problems: list):
    """Read every text; a missing file or a changed SHA-256 is a problem."""
    for t in story.texts:
        try:
            t.data = t.path.read_bytes()
        except OSError as e:
            problems.append(f"{story.slug}/{t.id}: missing ({t.path}: {e.strerror})")
            continue
        got = hashlib.sha256(t.data).hexdigest()
        if got != t.sha256:
            problems.append(
                f"{story.slug}/{t.id}: changed: sha256 {got}, story file says {t.sha256 or '(none)'}"
            )


def place(story: Story, entry: dict, where: str, problems: list):
    """Resolve {text, quote, nth} to (text id, (start, end)) in bytes, or None (a problem)."""
    tid = entry.get("text", entry.get("file"))
    quote = entry.get("quote", entry.get("text") if "file" in entry else None)
    if tid not in story.by_id:
        problems.append(f"{story.slug}: {where}: text {tid!r} is not a [[text]] of the story")
        return None
    if not isinstance(quote, str) or not quote:
        problems.append(f"{story.slug}: {where}: no quote")
        return None
    data = story.by_id[tid].data
    if data is None:
        return None  # already reported as missing
    nth = as_nth(entry, f"{story.slug}: {where}", problems)
    span = find_nth(data, quote, nth)
    if span is None:
        n = len(find_all(data, quote))
        problems.append(
            f"{story.slug}: {where}: quote {quote!r} (nth = {nth}) not found in text {tid}"
            + (f" (it occurs {n} time(s))" if n else "")
        )
        return None
    return (tid, span)


def find_all(data: bytes, quote: str):
    out, k = [], 1
    while (s := find_nth(data, quote, k)) is not None:
        out.append(s)
        k += 1
    return out


def resolve_story(story: Story, problems: list, warnings: list):
    """Attach byte spans to disagreement places, gold claims and not_claims."""
    for i, d in enumerate(story.disagreements):
        did = d.get("id", f"#{i + 1}")
        d["_id"] = did
        places = d.get("places", [])
        if len(places) != 2:
            problems.append(f"{story.slug}: disagreement {did}: {len(places)} places, want 2")
        d["_spans"] = [place(story, p, f"disagreement {did}", problems) for p in places]
        if d.get("kind") not in DISAGREEMENT_KINDS:
            warnings.append(f"{story.slug}: disagreement {did}: unknown kind {d.get('kind')!r}")
    for f in story.facts:
        for s in f.get("says", []):
            if s.get("quote"):
                wp: list = []
                place(story, s, f"fact {f.get('id', '?')}", wp)
                warnings.extend(wp)  # facts are not scored: a bad quote only warns
    annotated = {g.get("file") for g in story.gold_claims} | story.no_claims
    for t in story.texts:
        if t.gold and t.id not in annotated:
            warnings.append(f"{story.slug}: text {t.id} is gold = true but gold/{story.slug}.toml has no "
                            "[[claim]] for it (every claim of it will count as unmatched)")
    for kind, entries in (("claim", story.gold_claims), ("not_claim", story.not_claims)):
        for i, g in enumerate(entries):
            tid = g.get("file")
            where = f"gold {kind} #{i + 1} ({g.get('text')!r})"
            if tid not in story.by_id:
                problems.append(f"{story.slug}: {where}: file {tid!r} is not a [[text]] of the story")
                g["_span"] = None
                continue
            if not story.by_id[tid].gold:
                warnings.append(f"{story.slug}: {where}: text {tid} is not gold = true; ignored")
                g["_span"] = None
                g["_ignored"] = True
                continue
            r = place(story, {"text": tid, "quote": g.get("text"), "nth": g.get("nth", 1)}, where, problems)
            g["_span"] = r[1] if r else None


# ---------------------------------------------------------------------------------------- running


def run_factlint(binary: str, cmd: str, folder: Path, slug: str):
    args = [binary, cmd, "--format", "json", str(folder)]
    p = subprocess.run(args, capture_output=True)
    ok = {"check": (0, 1), "claims": (0,)}[cmd]
    if p.returncode not in ok:
        raise Refuse(
            [f"{slug}: `{' '.join(args)}` exited {p.returncode}", p.stderr.decode("utf-8", "replace")[-2000:]]
        )
    try:
        return json.loads(p.stdout)
    except json.JSONDecodeError as e:
        raise Refuse([f"{slug}: `factlint {cmd}` printed no JSON: {e}",
                      p.stderr.decode("utf-8", "replace")[-2000:]])


def stage(story: Story, folder: Path):
    """Copy the texts into `folder` with a manifest (no lang)."""
    with open(folder / "manifest.jsonl", "w", encoding="utf-8") as m:
        for t in story.texts:
            (folder / f"{t.id}.txt").write_bytes(t.data)
            line = {"path": f"{t.id}.txt"}
            if t.outlet:
                line["outlet"] = t.outlet
            if t.url:
                line["url"] = t.url
            if t.published_str():
                line["published"] = t.published_str()
            m.write(json.dumps(line, ensure_ascii=False) + "\n")


def text_id(path: str, story: Story):
    base = os.path.basename(path or "")
    base = base.split(":")[0] if base not in story.by_id else base
    stem = base[:-4] if base.endswith(".txt") else base
    return stem if stem in story.by_id else None


# ---------------------------------------------------------------------------------------- scoring


def covers(diag_labels, span_place) -> bool:
    tid, span = span_place
    return any(l["_id"] == tid and overlaps((l["start"], l["end"]), span) for l in diag_labels)


def score_check(story: Story, report: dict, res: dict):
    for c in report.get("claims", []):
        c["_id"] = text_id(c.get("path"), story)
    diags = report.get("diagnostics", [])
    for d in diags:
        for l in d.get("labels", []):
            l["_id"] = text_id(l.get("path"), story)
    disagreements = [d for d in story.disagreements if all(d["_spans"]) and len(d["_spans"]) == 2]

    def covered_by(d, dis):
        return all(covers(d.get("labels", []), sp) for sp in dis["_spans"])

    errors = [d for d in diags if d.get("severity") == "error"]
    warns = [d for d in diags if d.get("severity") == "warning"]
    res["errors"] = len(errors)
    res["errors_right"] = 0
    res["wrong_errors"] = []
    res["right_errors"] = []
    res["_error_rows"], res["_warn_langs"] = [], []
    for e in errors:
        hit = [dis["_id"] for dis in disagreements if covered_by(e, dis)]
        if hit:
            res["errors_right"] += 1
            res["right_errors"].append({"code": e.get("code"), "message": e.get("message"), "disagreements": hit})
        else:
            res["wrong_errors"].append(diag_out(e))
        res["_error_rows"].append((story.slug, primary_lang(e, story), bool(hit)))
    for w in warns:
        res["_warn_langs"].append((story.slug, primary_lang(w, story), "warning"))
    res["warnings"] = len(warns)
    res["advice"] = sum(1 for d in diags if d.get("severity") == "advice")
    res["error_codes"] = {}
    for e in errors:
        res["error_codes"][e.get("code", "?")] = res["error_codes"].get(e.get("code", "?"), 0) + 1
    res["disagreements"] = []
    for dis in story.disagreements:
        spans = dis["_spans"]
        row = {
            "id": dis["_id"],
            "kind": dis.get("kind", "?"),
            "within_article": bool(dis.get("within_article", False)),
            "what": dis.get("what", ""),
            "langs": sorted({story.by_id[p["text"]].lang for p in dis.get("places", []) if p.get("text") in story.by_id}),
            "places": [
                {"text": p.get("text"), "quote": p.get("quote"), "nth": p.get("nth", 1),
                 "start": s[1][0] if s else None, "end": s[1][1] if s else None,
                 "claims_here": [claim_brief(c) for c in report.get("claims", [])
                                 if s and c["_id"] == s[0] and overlaps((c["start"], c["end"]), s[1])]}
                for p, s in zip(dis.get("places", []), spans)
            ],
            "caught_by": [e.get("code") for e in errors if dis in disagreements and covered_by(e, dis)],
            "warned_by": [w.get("code") for w in warns if dis in disagreements and covered_by(w, dis)],
        }
        row["caught"] = bool(row["caught_by"])
        row["warning_only"] = not row["caught"] and bool(row["warned_by"])
        res["disagreements"].append(row)
    res["problems"] = report.get("problems", [])
    res["detected_lang"] = {}
    for doc in report.get("documents", []):
        tid = text_id(doc.get("path"), story)
        if tid:
            res["detected_lang"][tid] = doc.get("lang")


def primary_lang(d, story: Story):
    labels = d.get("labels", [])
    p = next((l for l in labels if l.get("primary")), labels[0] if labels else None)
    t = story.by_id.get(p.get("_id")) if p else None
    return t.lang if t else "?"


def diag_out(d):
    return {
        "code": d.get("code"),
        "rule": d.get("rule"),
        "message": d.get("message"),
        "help": d.get("help"),
        "labels": [
            {"text": l.get("_id") or l.get("path"), "start": l.get("start"), "end": l.get("end"),
             "quote": l.get("text"), "primary": l.get("primary", False), "message": l.get("message")}
            for l in d.get("labels", [])
        ],
    }


def claim_brief(c):
    return {"kind": c.get("kind"), "text": c.get("text"), "value": claim_value_text(c),
            "start": c.get("start"), "end": c.get("end")}


def claim_value_text(c):
    v = c.get("value_text")
    if v is None:
        v = c.get("resolved", c.get("value"))
    return str(v)


# --- claim values


def num(x):
    if x is None or isinstance(x, bool):
        return None
    try:
        return float(str(x).replace(",", ".").strip()) if isinstance(x, str) else float(x)
    except ValueError:
        return None


def same_num(a, b) -> bool:
    a, b = num(a), num(b)
    return a is not None and b is not None and abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


def parse_day(s: str):
    return dt.date.fromisoformat(s)


def interval(s):
    """'YYYY-MM-DD' | 'YYYY-MM' | 'YYYY' | 'A/B' (each side any of those) -> (first day, last day)."""
    if s is None:
        return None
    if isinstance(s, dict):  # {"start": ..., "end": ...}
        a, b = interval(s.get("start")), interval(s.get("end"))
        return (a[0], b[1]) if a and b else None
    if isinstance(s, (dt.date, dt.datetime)):
        d = s if isinstance(s, dt.date) and not isinstance(s, dt.datetime) else s.date()
        return (d, d)
    s = str(s).strip()
    if "/" in s:
        a, b = s.split("/", 1)
        ia, ib = interval(a), interval(b)
        return (ia[0], ib[1]) if ia and ib else None
    try:
        if re.fullmatch(r"-?\d{1,4}", s):
            y = int(s)
            return (dt.date(y, 1, 1), dt.date(y, 12, 31))
        if re.fullmatch(r"\d{4}-\d{2}", s):
            y, m = map(int, s.split("-"))
            last = (dt.date(y + (m == 12), m % 12 + 1, 1) - dt.timedelta(days=1))
            return (dt.date(y, m, 1), last)
        return (parse_day(s[:10]), parse_day(s[:10]))
    except ValueError:
        return None


def claim_interval(c):
    d = c.get("date")
    if isinstance(d, dict) and d.get("resolved"):
        return interval(d["resolved"])
    return interval(c.get("resolved"))


def claim_since_year(c):
    s = c.get("since")
    if isinstance(s, dict) and s.get("year") is not None:
        return s["year"]
    r = c.get("resolved")
    if isinstance(r, str) and re.fullmatch(r"-?\d{1,4}", r):
        return int(r)
    return c.get("value")


CLOCK = re.compile(r"(?<!\d)([01]?\d|2[0-4])[:.](\d{2})(?!\d)")


def clocks(s) -> list:
    return [(int(h), int(m)) for h, m in CLOCK.findall(str(s))] if s is not None else []


def strings_in(x, key=""):
    """Every (key, string) inside a JSON value."""
    if isinstance(x, str):
        yield key, x
    elif isinstance(x, dict):
        for k, v in x.items():
            yield from strings_in(v, k)
    elif isinstance(x, list):
        for v in x:
            yield from strings_in(v, key)


def claim_clocks(c) -> set:
    """Clock times a time claim states, read tolerantly from whatever fields it has."""
    out = set()
    skip = {"path", "text", "lang", "kind", "concept", "family", "noun", "qualifier", "principal",
            "persons", "entities", "phase", "date", "resolved", "zone", "tz"}
    for k, s in strings_in(c):
        if k in skip or k.startswith("_"):
            continue
        out.update(clocks(s))
    for key in ("time", "clock", "local", "local_time"):
        v = c.get(key)
        if isinstance(v, dict):
            for kk in ("minutes", "minute_of_day", "min"):
                if isinstance(v.get(kk), (int, float)):
                    m = int(v[kk])
                    out.add((m // 60, m % 60))
            if isinstance(v.get("hour"), (int, float)):
                out.add((int(v["hour"]), int(v.get("minute", 0) or 0)))
    v = num(c.get("value"))
    if not out and v is not None and v >= 0:  # no clock written out: read the value
        if v < 24 and v == int(v):
            out.add((int(v), 0))  # a whole hour
        elif v < 24:  # hours as a decimal (15.6667 = 15:40)
            out.add((int(v), round((v - int(v)) * 60)))
        elif v < 1440 and v == int(v):  # minutes since midnight
            out.add((int(v) // 60, int(v) % 60))
    return out


def value_matches(g: dict, c: dict) -> bool:
    kind = norm_kind(g.get("kind"))
    if kind == "date":
        gi = interval(g.get("date", g.get("value")))
        ci = claim_interval(c)
        return gi == ci if g.get("date", g.get("value")) is not None else ci is None
    if kind == "since":
        return same_num(g.get("value", g.get("year")), claim_since_year(c))
    if kind == "time":
        want = clocks(g.get("time", g.get("value")))
        if not want:
            return False
        have = claim_clocks(c)
        return want[0] in have and all(w in have for w in want)
    if not same_num(g.get("value"), c.get("value")):
        return False
    if g.get("whole") is not None and not same_num(g["whole"], c.get("whole")):
        return False
    if g.get("unit") is not None:
        gu = str(g["unit"]).lower().rstrip("s")
        cu = str(c.get("unit") or "").lower().rstrip("s")
        if gu != cu:
            return False
    return True


def norm_kind(k) -> str:
    return str(k or "").strip().lower().replace("-", "_").replace(" ", "_")


def gold_value_text(g):
    k = norm_kind(g.get("kind"))
    if k == "date":
        return str(g.get("date"))
    if k == "time":
        return f"{g.get('time')}" + (f" {g.get('zone')}" if g.get("zone") else "") + (
            f" on {g.get('date')}" if g.get("date") else "")
    v = g.get("value")
    s = f"{v}"
    if g.get("whole") is not None:
        s += f" of {g['whole']}"
    if g.get("unit"):
        s += f" {g['unit']}"
    return s


def score_claims(story: Story, report: dict, res: dict):
    gold_ids = {t.id for t in story.texts if t.gold}
    claims = []
    for c in report.get("claims", []):
        c["_id"] = text_id(c.get("path"), story)
        if c["_id"] in gold_ids:
            claims.append(c)
    used = [False] * len(claims)
    gold = [g for g in story.gold_claims if not g.get("_ignored")]
    res["gold_texts"] = sorted(gold_ids)
    res["claims_made"] = len(claims)
    res["gold_facts"] = len(gold)
    res["claims_matched"] = 0
    res["missed_gold"] = []
    per_text = {tid: {"claims": 0, "matched": 0, "gold": 0, "forbidden": 0} for tid in gold_ids}
    for c in claims:
        per_text[c["_id"]]["claims"] += 1
    for g in gold:
        per_text[g["file"]]["gold"] += 1
        span = g.get("_span")
        found = None
        if span is not None:
            for i, c in enumerate(claims):
                if (not used[i] and c["_id"] == g["file"] and norm_kind(c.get("kind")) == norm_kind(g.get("kind"))
                        and overlaps((c["start"], c["end"]), span) and value_matches(g, c)):
                    found = i
                    break
        if found is None:
            near = [claim_brief(c) for c in claims
                    if span is not None and c["_id"] == g["file"] and overlaps((c["start"], c["end"]), span)]
            res["missed_gold"].append({"text": g["file"], "quote": g.get("text"), "nth": g.get("nth", 1),
                                       "kind": norm_kind(g.get("kind")), "value": gold_value_text(g),
                                       "claims_here": near})
        else:
            used[found] = True
            res["claims_matched"] += 1
            per_text[g["file"]]["matched"] += 1
    res["unmatched_claims"] = [dict(claim_brief(c), text_id=c["_id"]) for c, u in zip(claims, used) if not u]
    res["forbidden"] = []
    for n in story.not_claims:
        if n.get("_ignored") or n.get("_span") is None:
            continue
        hits = [c for c in claims if c["_id"] == n["file"] and overlaps((c["start"], c["end"]), n["_span"])]
        if hits:
            per_text[n["file"]]["forbidden"] += 1
            res["forbidden"].append({"text": n["file"], "quote": n.get("text"), "nth": n.get("nth", 1),
                                     "why": n.get("why", ""), "claims": [claim_brief(c) for c in hits]})
    res["not_claims"] = sum(1 for n in story.not_claims if not n.get("_ignored"))
    res["per_text_claims"] = per_text


def ratio(a, b):
    return None if not b else a / b


def score_story(story: Story, binary: str, tmp_root: Path) -> dict:
    folder = tmp_root / story.slug
    folder.mkdir()
    stage(story, folder)
    res: dict = {"slug": story.slug, "title": story.title, "texts": len(story.texts),
                 "langs": {t.id: t.lang for t in story.texts}}
    score_check(story, run_factlint(binary, "check", folder, story.slug), res)
    if any(t.gold for t in story.texts):
        score_claims(story, run_factlint(binary, "claims", folder, story.slug), res)
    else:
        res.update(gold_texts=[], claims_made=0, gold_facts=0, claims_matched=0, missed_gold=[],
                   unmatched_claims=[], forbidden=[], not_claims=0, per_text_claims={})
    return res


# ------------------------------------------------------------------------------------ aggregating


def figures(rows_errors, rows_dis, texts, lang_ok, claims_made, matched, gold_facts, forbidden,
            not_claims, warnings, advice):
    right = sum(1 for e in rows_errors if e)
    total = len(rows_errors)
    by_kind = {}
    for d in rows_dis:
        k = by_kind.setdefault(d["kind"], {"caught": 0, "total": 0, "warning_only": 0})
        k["total"] += 1
        k["caught"] += d["caught"]
        k["warning_only"] += d["warning_only"]
    return {
        "texts": texts,
        "lang_detected_right": lang_ok,
        "errors": total,
        "errors_right": right,
        "error_precision": ratio(right, total),
        "disagreements": len(rows_dis),
        "caught": sum(d["caught"] for d in rows_dis),
        "caught_rate": ratio(sum(d["caught"] for d in rows_dis), len(rows_dis)),
        "by_kind": dict(sorted(by_kind.items(), key=lambda kv: DISAGREEMENT_KINDS.index(kv[0])
                               if kv[0] in DISAGREEMENT_KINDS else 99)),
        "warnings": warnings,
        "advice": advice,
        "disagreements_warning_only": sum(d["warning_only"] for d in rows_dis),
        "claims_made": claims_made,
        "claims_matched": matched,
        "gold_facts": gold_facts,
        "claim_precision": ratio(matched, claims_made),
        "claim_recall": ratio(matched, gold_facts),
        "not_claims": not_claims,
        "forbidden_hits": forbidden,
    }


def story_figures(r: dict) -> dict:
    errs = [True] * r["errors_right"] + [False] * len(r["wrong_errors"])
    lang_ok = sum(1 for t, l in r["langs"].items() if r["detected_lang"].get(t) == l)
    return figures(errs, r["disagreements"], r["texts"], lang_ok, r["claims_made"], r["claims_matched"],
                   r["gold_facts"], len(r["forbidden"]), r["not_claims"], r["warnings"], r["advice"])


def language_figures(results: list, error_langs: dict) -> dict:
    """Per language: texts of that language; errors by the language of their primary label;
    disagreements with a place in that language (a cross-language one counts for both);
    claims of gold texts in that language."""
    out = {}
    langs = sorted({l for r in results for l in r["langs"].values()})
    for lang in langs:
        texts = lang_ok = 0
        errs, dis = [], []
        made = matched = gold = forb = warns = 0
        for r in results:
            ids = {t for t, l in r["langs"].items() if l == lang}
            texts += len(ids)
            lang_ok += sum(1 for t in ids if r["detected_lang"].get(t) == lang)
            errs += [ok for (slug, l, ok) in error_langs[r["slug"]] if l == lang]
            dis += [d for d in r["disagreements"] if lang in d["langs"]]
            for t, pt in r["per_text_claims"].items():
                if t in ids:
                    made += pt["claims"]
                    matched += pt["matched"]
                    gold += pt["gold"]
                    forb += pt["forbidden"]
            warns += sum(1 for (slug, l, sev) in r["_warn_langs"] if l == lang)
        nc = 0
        out[lang] = figures(errs, dis, texts, lang_ok, made, matched, gold, forb, nc, warns, 0)
        del out[lang]["not_claims"], out[lang]["advice"]
    return out


# ---------------------------------------------------------------------------------------- output


def pct(x):
    return "-" if x is None else f"{x:.2f}"


def frac(a, b):
    return f"{a}/{b}"


SHORT_KIND = {"count": "cnt", "part_of_whole": "pow", "duration": "dur", "date": "date",
              "relative_date": "rel", "time": "time", "since": "since"}


def kinds_cell(by_kind):
    return " ".join(f"{SHORT_KIND.get(k, k)} {v['caught']}/{v['total']}" for k, v in by_kind.items()) or "-"


def table(title, rows):
    head = ["", "texts", "lang ok", "errors right", "err P", "caught", "by kind", "warn", "warn-only",
            "claim P", "claim R", "forbidden"]
    body = []
    for name, f in rows:
        body.append([name, str(f["texts"]), frac(f["lang_detected_right"], f["texts"]),
                     frac(f["errors_right"], f["errors"]), pct(f["error_precision"]),
                     frac(f["caught"], f["disagreements"]), kinds_cell(f["by_kind"]), str(f["warnings"]),
                     str(f["disagreements_warning_only"]),
                     pct(f["claim_precision"]) + f" ({f['claims_matched']}/{f['claims_made']})",
                     pct(f["claim_recall"]) + f" ({f['claims_matched']}/{f['gold_facts']})",
                     str(f["forbidden_hits"])])
    w = [max(len(r[i]) for r in [head] + body) for i in range(len(head))]
    lines = [title, "  ".join(h.ljust(w[i]) for i, h in enumerate(head)).rstrip(),
             "  ".join("-" * x for x in w)]
    for r in body:
        lines.append("  ".join(c.ljust(w[i]) for i, c in enumerate(r)).rstrip())
    return "\n".join(lines)


def show(results: list) -> str:
    out = []
    for r in results:
        out.append(f"\n=== {r['slug']}: {r['title']}")
        for p in r["problems"]:
            out.append(f"  input problem: {p}")
        for e in r["wrong_errors"]:
            out.append(f"  WRONG ERROR {e['code']} {e['rule']}: {e['message']}")
            for l in e["labels"]:
                star = "*" if l["primary"] else " "
                out.append(f"     {star} {l['text']} [{l['start']}..{l['end']}] `{l['quote']}`  {l['message'] or ''}")
        for d in r["disagreements"]:
            if d["caught"]:
                continue
            tag = "MISSED (warning only: " + ",".join(d["warned_by"]) + ")" if d["warning_only"] else "MISSED"
            out.append(f"  {tag} disagreement {d['id']} ({d['kind']}): {d['what']}")
            for p in d["places"]:
                here = "; ".join(f"{c['kind']} `{c['text']}` = {c['value']}" for c in p["claims_here"]) or "no claim here"
                out.append(f"       {p['text']} `{p['quote']}` (nth {p['nth']}, [{p['start']}..{p['end']}]): {here}")
        for g in r["missed_gold"]:
            here = "; ".join(f"{c['kind']} `{c['text']}` = {c['value']}" for c in g["claims_here"]) or "no claim here"
            out.append(f"  MISSED GOLD {g['text']} {g['kind']} `{g['quote']}` (nth {g['nth']}) = {g['value']}: {here}")
        for c in r["unmatched_claims"]:
            out.append(f"  UNMATCHED CLAIM {c['text_id']} {c['kind']} `{c['text']}` = {c['value']} [{c['start']}..{c['end']}]")
        for f in r["forbidden"]:
            cs = "; ".join(f"{c['kind']} `{c['text']}` = {c['value']}" for c in f["claims"])
            out.append(f"  FORBIDDEN {f['text']} `{f['quote']}` (nth {f['nth']}, {f['why']}): {cs}")
        wrong_lang = [f"{t} ({l} read as {r['detected_lang'].get(t)})" for t, l in r["langs"].items()
                      if r["detected_lang"].get(t) != l]
        if wrong_lang:
            out.append("  LANGUAGE " + ", ".join(wrong_lang))
    return "\n".join(out)


# ------------------------------------------------------------------------------------------- main


def default_bin():
    env = os.environ.get("FACTLINT_BIN")
    if env:
        return env
    built = REPO / "target" / "release" / "factlint"
    if built.exists():
        return str(built)
    return shutil.which("factlint") or str(built)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--texts", required=True, type=Path, help="folder of <slug>/<id>.txt (outside the repo)")
    ap.add_argument("--bin", default=None, help="factlint binary (default: $FACTLINT_BIN, else target/release/factlint)")
    ap.add_argument("--story", nargs="+", action="extend", default=[], metavar="SLUG",
                    help="score only these stories (every story file is still read)")
    ap.add_argument("--stories", type=Path, default=HERE / "stories", help="story files (default: eval/real/stories)")
    ap.add_argument("--gold", type=Path, default=HERE / "gold", help="gold files (default: eval/real/gold)")
    ap.add_argument("--json", type=Path, default=None, metavar="OUT", help="write every figure as JSON")
    ap.add_argument("--show", action="store_true", help="list every wrong error, missed disagreement, "
                    "unmatched claim and missed gold fact")
    a = ap.parse_args(argv)
    binary = a.bin or default_bin()
    try:
        return run(a, binary)
    except Refuse as r:
        print("score.py: cannot score:", file=sys.stderr)
        for line in r.lines:
            print(f"  {line}", file=sys.stderr)
        return 2


def run(a, binary) -> int:
    problems: list = []
    warnings: list = []
    story_files = sorted(a.stories.glob("*.toml"))
    if not story_files:
        raise Refuse([f"no story files in {a.stories}"])
    stories = []
    for sf in story_files:
        d = load_toml(sf, problems)
        if d is None:
            continue
        gf = a.gold / sf.name
        gold = load_toml(gf, problems) if gf.exists() else None
        stories.append(Story(sf, d, gold, a.texts, problems))
    for gf in sorted(a.gold.glob("*.toml")) if a.gold.exists() else []:
        if not (a.stories / gf.name).exists():
            warnings.append(f"{gf}: no story file {gf.name}; ignored")
    known = {s.slug for s in stories}
    for s in a.story:
        if s not in known:
            problems.append(f"--story {s}: no such story in {a.stories}")
    chosen = [s for s in stories if not a.story or s.slug in a.story]
    missing: list = []
    for s in chosen:
        check_texts(s, missing)
    if missing:
        raise Refuse(["texts missing or changed (collect them again: eval/real/README.md):"] + missing + problems)
    for s in chosen:
        resolve_story(s, problems, warnings)
    for w in warnings:
        print(f"warning: {w}", file=sys.stderr)
    if problems:
        raise Refuse(problems)
    if not (os.path.isfile(binary) and os.access(binary, os.X_OK)) and not shutil.which(binary):
        raise Refuse([f"factlint binary {binary} not found (build it, or pass --bin)"])

    results = []
    with tempfile.TemporaryDirectory(prefix="factlint-real-") as tmp:
        for s in chosen:
            results.append(score_story(s, binary, Path(tmp)))

    # the language of each error and warning: its primary label's text
    error_langs = {r["slug"]: r.pop("_error_rows") for r in results}

    per_story = {r["slug"]: story_figures(r) for r in results}
    all_dis = [d for r in results for d in r["disagreements"]]
    all_errs = [ok for r in results for (_, _, ok) in error_langs[r["slug"]]]
    totals = figures(all_errs, all_dis, sum(r["texts"] for r in results),
                     sum(f["lang_detected_right"] for f in per_story.values()),
                     sum(r["claims_made"] for r in results), sum(r["claims_matched"] for r in results),
                     sum(r["gold_facts"] for r in results), sum(len(r["forbidden"]) for r in results),
                     sum(r["not_claims"] for r in results), sum(r["warnings"] for r in results),
                     sum(r["advice"] for r in results))
    per_lang = language_figures(results, error_langs)

    print(f"factlint real-news set: {len(results)} stories, binary {binary}")
    print(table("\nper story", list(per_story.items()) + [("TOTAL", totals)]))
    print("  (by kind: cnt count, pow part_of_whole, dur duration, date, rel relative_date, time, since)")
    print(table("\nper language (errors by primary label; a disagreement counts for each language it spans)",
                list(per_lang.items())))
    if a.show:
        print(show(results))
    if a.json:
        for r in results:
            r.pop("_warn_langs", None)
        doc = {
            "binary": binary,
            "stories": {r["slug"]: {"figures": per_story[r["slug"]], "details": r} for r in results},
            "languages": per_lang,
            "totals": totals,
        }
        a.json.parent.mkdir(parents=True, exist_ok=True)
        a.json.write_text(json.dumps(doc, ensure_ascii=False, indent=2, sort_keys=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
