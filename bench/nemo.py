#!/usr/bin/env python3
"""Scores willakuy's Spanish verbalizer on NVIDIA NeMo text-processing's
Spanish text-normalization test cases (written~spoken lines, one file per
class), read from a copy of that repository (a checkout or a bare git
directory; nothing of it is copied into this tree). The Peruvian readings
that differ from NeMo's, listed with their reasons in bench/nemo-peru.md,
re-expect or exclude those cases. Prints the score per class and in total.

Usage: nemo.py NEMO_REPO WILLAKUY_BINARY [--station STATION.xml] [--failures]
"""
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

CASES = "tests/nemo_text_processing/es/data_text_normalization"
# The classes of the suite; test_cases_normalize_with_audio.txt holds
# lists of acceptable variants for another harness and is not one.
CLASSES = ["cardinal", "date", "decimal", "electronic", "fraction", "measure",
           "money", "ordinal", "telephone", "time", "whitelist", "word"]
HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(HERE)


def read_case_file(repo, name):
    path = os.path.join(repo, CASES, name)
    if os.path.isfile(path):
        with open(path, encoding="utf-8") as f:
            return f.read()
    gitdir = repo if os.path.isdir(os.path.join(repo, "objects")) else \
        os.path.join(repo, ".git")
    return subprocess.run(["git", "--git-dir=" + gitdir, "show",
                           "HEAD:%s/%s" % (CASES, name)], check=True,
                          capture_output=True, text=True).stdout


def peru_table():
    """The rows of bench/nemo-peru.md's table: (class, written) ->
    expected words, or None when the case is excluded."""
    out = {}
    with open(os.path.join(HERE, "nemo-peru.md"), encoding="utf-8") as f:
        for line in f:
            if not line.startswith("| ") or line.startswith("| class") or \
                    line.startswith("|---"):
                continue
            cells = [c.strip().replace("\\|", "|") for c in
                     re.split(r"(?<!\\)\|", line.strip())[1:-1]]
            if len(cells) != 4:
                continue
            cls, written, expect = cells[0], cells[1].strip("`"), cells[2]
            out[(cls, written)] = None if expect == "(excluded)" else \
                expect.strip("*")
    return out


def letter_names():
    """The Spanish voice's names of the letters: NeMo leaves a spelled
    letter as the letter ("a b c"), willakuy gives espeak-ng its name
    ("a be ce"); both are the same spoken words."""
    root = ET.parse(os.path.join(TOP, "voices/es/voice.xml")).getroot()
    return {l.get("c"): l.text for l in root.iter("letter")}


def norm(s, letters=None):
    """Words only: lower case, punctuation (a pause, not a word) dropped."""
    s = re.sub(r"[,.;:!?¡¿\"()«»]", " ", s.lower())
    words = s.split()
    if letters:
        words = [letters.get(w, w) if len(w) == 1 else w for w in words]
    return " ".join(" ".join(words).split())


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    show = "--failures" in sys.argv
    station = None
    if "--station" in sys.argv:
        station = sys.argv[sys.argv.index("--station") + 1]
        args = [a for a in args if a != station]
    if len(args) != 2:
        sys.exit(__doc__)
    repo, binary = args
    peru = peru_table()
    letters = letter_names()
    cases = []
    for cls in CLASSES:
        for line in read_case_file(repo, "test_cases_%s.txt" % cls).splitlines():
            if not line.strip():
                continue
            parts = line.split("~")
            cases.append((cls, parts[0], parts[1:]))
    cmd = [binary, "verbalize", "-l", "es"]
    if station:
        cmd += ["-c", station]
    env = dict(os.environ, WILLAKUY_DATA=TOP)
    res = subprocess.run(cmd, input="\n".join(c[1] for c in cases) + "\n",
                         capture_output=True, text=True, env=env, check=True)
    said = res.stdout.split("\n")
    per = {c: [0, 0, 0] for c in CLASSES}	# passed, counted, changed
    fails = []
    for (cls, written, expected), got in zip(cases, said):
        key = (cls, written)
        if key in peru:
            per[cls][2] += 1
            if peru[key] is None:
                continue
            expected = [peru[key]]
        per[cls][1] += 1
        want = [norm(e, letters) for e in expected]
        if norm(got, letters) in want:
            per[cls][0] += 1
        else:
            fails.append((cls, written, expected[0], got))
    total = [sum(v[i] for v in per.values()) for i in range(3)]
    print("%-11s %7s %6s  %s" % ("class", "said", "of", "(Peru)"))
    for cls in CLASSES:
        p, n, ch = per[cls]
        print("%-11s %7d %6d  %s" % (cls, p, n, "(%d)" % ch if ch else ""))
    print("%-11s %7d %6d  (%d)  %.1f %%" % ("total", total[0], total[1],
                                            total[2], 100.0 * total[0] / total[1]))
    print("cases in the suite: %d; re-expected or excluded for Peru: %d"
          % (len(cases), total[2]))
    if show:
        for cls, w, e, g in fails:
            print("FAIL %s: %s\n   want %s\n   got  %s" % (cls, w, e, g))


if __name__ == "__main__":
    main()
