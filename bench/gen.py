#!/usr/bin/env python3
"""Makes the benchmark workload: a day of feeds for many markets and news
items, a station, and bulletins of about `minutes` of audio per language:
one bulletin per market group, one news bulletin. Deterministic (seeded).

usage: gen.py OUTDIR MINUTES
"""
import os
import random
import sys

from feedgen import NETWORKS, TOWNS, write_catalog, write_news, write_prices

out, minutes = sys.argv[1], float(sys.argv[2])
rnd = random.Random(29112026)
date = "2026-11-29"
products = [
    ("papa-amarilla", "kg"), ("papa-huayro", "kg"), ("papa-blanca", "kg"),
    ("maiz-amilaceo", "kg"), ("choclo", "docena"), ("haba-verde", "kg"),
    ("haba-seca", "kg"), ("quinua", "kg"), ("tarwi", "kg"), ("kiwicha", "kg"),
    ("cuy", "unidad"), ("queso-fresco", "kg"), ("oca", "kg"), ("olluco", "kg"),
    ("chuno", "kg"), ("trigo", "qq"), ("arveja-verde", "kg"), ("cebolla", "arroba"),
    ("palta", "kg"), ("tuna", "docena"), ("leche", "l"), ("huevo", "caja"),
    ("carne-alpaca", "kg"),
]
markets = ["nery-garcia", "santa-clara", "huanta-central"]
# About 6 s a price line and 3 s of intro per market, per language.
lines_per_market = len(products)
nmarkets = max(1, int(minutes * 60 * 0.75 / (lines_per_market * 6.5)))
os.makedirs(os.path.join(out, "feeds"), exist_ok=True)
os.makedirs(os.path.join(out, "bulletins"), exist_ok=True)

market_ids = [markets[m] if m < len(markets) else "mercado-%02d" % m for m in range(nmarkets)]
write_prices(out, date, rnd, [(mid, TOWNS[m % len(TOWNS)]) for m, mid in enumerate(market_ids)], products)

nnews = max(4, int(minutes * 60 * 0.25 / 14))
write_news(out, date, rnd, nnews, 28, 22)

# The markets beyond the shipped three are the station's own.
write_catalog(out, [(mid, TOWNS[m % len(TOWNS)]) for m, mid in enumerate(market_ids) if mid not in markets])

with open(os.path.join(out, "station.xml"), "w") as f:
    f.write('<station id="bench" name="Radio Bench"><feeds dir="feeds"/>'
            '<audio rate="44100" channels="1" bitrate="128" mode="cbr"/></station>\n')

with open(os.path.join(out, "bulletins", "precios.xml"), "w") as f:
    f.write('<bulletin id="precios" languages="es qu">\n')
    f.write('  <title xml:lang="es">Precios</title><title xml:lang="qu">Chaninkuna</title>\n')
    for m, mid in enumerate(market_ids):
        f.write('  <segment id="m%02d"><prices feed="precios-{date}.xml" market="%s"/></segment>\n' % (m, mid))
    f.write('</bulletin>\n')
with open(os.path.join(out, "bulletins", "noticias.xml"), "w") as f:
    f.write('<bulletin id="noticias" languages="es qu">\n')
    f.write('  <title xml:lang="es">Noticias</title><title xml:lang="qu">Willakuykuna</title>\n')
    per = max(1, nnews // 8)
    for s in range(8):
        f.write('  <segment id="s%d"><news feed="noticias-{date}.xml" network="%s" max="%d"/></segment>\n'
                % (s, NETWORKS[s % 4], per))
    f.write('</bulletin>\n')
print("%d markets, %d news items" % (nmarkets, nnews))
