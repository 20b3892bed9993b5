#!/usr/bin/env python3
"""List the functions of src/ longer than a limit (default 60 lines), longest first.

    python3 bench/fn-lengths.py            # this checkout's src/, over 60 lines
    python3 bench/fn-lengths.py 40 DIR     # over 40 lines, in DIR

A function runs from its `fn` line to the brace that closes its body (braces in strings, chars
and comments are skipped; test functions count too). "(long: …)" marks one with a `// long:`
comment among the comments and attributes just above it: its reason for staying long.
tests/it/tidy.rs counts the same way and fails on a long function without a reason.
"""
import os
import re
import sys

PREFIXES = ("pub(crate) ", "pub(super) ", "pub ", "const ", "async ", "unsafe ", 'extern "C" ')


def code_only(text):
    """The text with comments and string and char literals blanked (newlines kept)."""
    out, i, n = [], 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("//", i):
            j = text.find("\n", i)
            i = n if j < 0 else j
        elif text.startswith("/*", i):
            depth, i = 1, i + 2
            while i < n and depth:
                if text.startswith("/*", i):
                    depth, i = depth + 1, i + 2
                elif text.startswith("*/", i):
                    depth, i = depth - 1, i + 2
                else:
                    out.append("\n" if text[i] == "\n" else "")
                    i += 1
        elif (m := re.match(r'b?r(#*)"', text[i:])) and (i == 0 or not (text[i - 1].isalnum() or text[i - 1] == "_")):
            end = text.find('"' + m.group(1), i + len(m.group(0)))
            end = n if end < 0 else end + 1 + len(m.group(1))
            out.append("\n" * text[i:end].count("\n"))
            i = end
        elif c == '"':
            i += 1
            while i < n and text[i] != '"':
                step = 2 if text[i] == "\\" else 1
                out.append("\n" * text[i : i + step].count("\n"))
                i += step
            i += 1
        elif m := re.match(r"'(\\[^']{1,10}|[^\\'])'", text[i:]):
            i += len(m.group(0))
        else:
            out.append(c)
            i += 1
    return "".join(out)


def fn_name(line):
    t = line.lstrip()
    stripped = True
    while stripped:
        stripped = False
        for p in PREFIXES:
            if t.startswith(p):
                t, stripped = t[len(p):].lstrip(), True
    if not t.startswith("fn "):
        return None
    return re.match(r"\w*", t[3:].lstrip()).group(0)


def functions(text):
    """(name, first line, length, whether a `// long:` reason stands above) of each function."""
    lines = text.split("\n")
    code = code_only(text).split("\n")
    found = []
    for n, line in enumerate(code):
        name = fn_name(line)
        if name is None:
            continue
        depth, nest, end = 0, 0, None
        for k in range(n, len(code)):
            for ch in code[k]:
                if ch == "{":
                    depth += 1
                elif ch == "}":
                    depth -= 1
                    if depth == 0:
                        end = k
                        break
                elif ch in "([":
                    nest += 1
                elif ch in ")]":
                    nest -= 1
                elif ch == ";" and depth == 0 and nest == 0:
                    end = -1  # a declaration without a body
                    break
            if end is not None:
                break
        if end is None or end < 0:
            continue
        j, reason = n - 1, False
        while j >= 0 and re.match(r"^\s*(//|#\[)", lines[j]):
            reason |= bool(re.match(r"^\s*// long:", lines[j]))
            j -= 1
        found.append((name, n + 1, end - n + 1, reason))
    return found


def main():
    limit = int(sys.argv[1]) if len(sys.argv) > 1 else 60
    root = sys.argv[2] if len(sys.argv) > 2 else os.path.join(os.path.dirname(__file__), "..", "src")
    rows = []
    for d, _, files in os.walk(root):
        for f in files:
            if f.endswith(".rs"):
                p = os.path.join(d, f)
                for name, line, length, reason in functions(open(p, encoding="utf-8").read()):
                    if length > limit:
                        rows.append((length, os.path.relpath(p, root), line, name, reason))
    for length, p, line, name, reason in sorted(rows, key=lambda r: (-r[0], r[1], r[2])):
        print(f"{length:5}  {p}:{line}  {name}{'  (long: reason given)' if reason else ''}")


main()
