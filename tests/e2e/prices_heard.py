#!/usr/bin/env python3
"""Every price of a feed is heard: reads a bulletin's transcript (a built
.txt or `willakuy preview` output) and checks that each product of each
market of the feed is said with its price and unit, in the market's
paragraph, whatever the phrasing (changed, new or unchanged, alone or
grouped with others of the same price).

usage: prices_heard.py WILLAKUY LANG FEED TRANSCRIPT [MARKET...]

The names come from voices/catalog.xml and voices/LANG/voice.xml (the
unit words), the price words from `willakuy verbalize`. Prints what is
missing and exits 1; prints the count and exits 0 when all are heard.
"""
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def names(path, kind, lang):
    out = {}
    for e in ET.parse(path).getroot().iter(kind):
        by = {n.get(XML_LANG): n.text for n in e.findall("name")}
        out[e.get("id")] = by.get(lang) or by.get("es")
    return out


def main():
    wk, lang, feed, transcript = sys.argv[1:5]
    only = set(sys.argv[5:])
    top = os.environ.get("WILLAKUY_DATA", ".")
    cat = os.path.join(top, "voices", "catalog.xml")
    products, markets = names(cat, "product", lang), names(cat, "market", lang)
    units = {u.get("id"): u.get("one") for u in
             ET.parse(os.path.join(top, "voices", lang, "voice.xml")).getroot().iter("unit")}
    root = ET.parse(feed).getroot()
    want = []
    for m in root.iter("market"):
        if only and m.get("id") not in only:
            continue
        for p in m.iter("price"):
            want.append((m.get("id"), markets.get(m.get("id")) or m.get("name"),
                         p.get("product"), p.get("unit"), p.get("value")))
    figures = sorted({"S/ " + w[4] for w in want})
    words = subprocess.run([wk, "verbalize", "-l", lang], input="\n".join(figures) + "\n",
                           capture_output=True, text=True, check=True).stdout.splitlines()
    said = dict(zip(figures, (w.strip().rstrip(".").lower() for w in words)))

    # Paragraphs: blank lines and preview's "## NN segment" headings part
    # them; preview's notes and clip lines are not speech.
    paras, cur = [], []
    for line in open(transcript, encoding="utf-8"):
        line = line.rstrip("\n")
        if not line.strip() or line.startswith("#"):
            if cur:
                paras.append(cur)
            cur = []
        elif not line.startswith(" "):
            cur.append(line)
    if cur:
        paras.append(cur)

    def heard(para, product, unit, price):
        for line in para:
            low = line.lower()
            if not re.search(r"(^|\W)%s(\W|$)" % re.escape(unit.lower()), low):
                continue
            for chunk in re.split(r"; |: ", low.rstrip(".")):
                fields = chunk.split(", ")
                for i, f in enumerate(fields):
                    group = [n[:-3] if n.endswith("wan") else n
                             for n in re.split(r" y ", f)]
                    if product.lower() not in group:
                        continue
                    # Names joined with -wan come first, then the price.
                    j = i + 1
                    while j < len(fields) and fields[j].endswith("wan"):
                        j += 1
                    if j < len(fields) and re.sub(r"^a ", "", fields[j]) == price:
                        return True
        return False

    missing = []
    for mid, mname, pid, uid, value in want:
        para = next((p for p in paras if mname in p[0]), None)
        pname = products.get(pid) or pid.replace("-", " ")
        if para is None:
            missing.append("%s: no paragraph for market '%s'" % (mid, mname))
        elif not heard(para, pname, units.get(uid, uid), said["S/ " + value]):
            missing.append("%s: %s per %s at S/ %s (%s) is not said" %
                           (mid, pname, uid, value, said["S/ " + value]))
    if missing:
        print("\n".join(missing))
        sys.exit(1)
    print("%d prices heard" % len(want))


if __name__ == "__main__":
    main()
