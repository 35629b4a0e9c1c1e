#!/usr/bin/env python3
"""Makes the network-day workload: 12 short bulletins in Spanish and
Quechua, each opening with the same jingle and a greeting that names the
station, a market's prices over the same music bed, two news items and a
closing jingle; feeds for the day; and N stations (same audio settings,
their own names). Deterministic (seeded).

usage: netday.py OUTDIR CLIPSDIR NSTATIONS
"""
import os
import random
import sys

from feedgen import NETWORKS, TOWNS, write_catalog, write_news, write_prices

out, clips, nst = sys.argv[1], os.path.abspath(sys.argv[2]), int(sys.argv[3])
rnd = random.Random(18)
date = "2026-11-29"
products = [
    ("papa-amarilla", "kg"), ("papa-huayro", "kg"), ("maiz-amilaceo", "kg"),
    ("haba-verde", "kg"), ("quinua", "kg"), ("cuy", "unidad"),
    ("queso-fresco", "kg"), ("oca", "kg"), ("trigo", "qq"), ("cebolla", "arroba"),
]
for d in ("feeds", "bulletins", "stations"):
    os.makedirs(os.path.join(out, d), exist_ok=True)
write_prices(out, date, rnd, [("mercado-%02d" % m, town) for m, town in enumerate(TOWNS)], products)
write_news(out, date, rnd, 24, 24, 18)
# The stations' own markets, beside their station files.
write_catalog(os.path.join(out, "stations"), [("mercado-%02d" % m, town) for m, town in enumerate(TOWNS)])
for k in range(nst):
    with open(os.path.join(out, "stations", "s%02d.xml" % k), "w") as f:
        f.write('<station id="radio-%02d" name="Radio Red %d"><feeds dir="../feeds"/>'
                '<audio rate="44100" channels="1" bitrate="128" mode="cbr"/></station>\n' % (k, k + 1))
for b in range(12):
    with open(os.path.join(out, "bulletins", "b%02d.xml" % b), "w") as f:
        f.write('<bulletin id="b%02d" languages="es qu">\n' % b)
        f.write('  <title xml:lang="es">Boletín %d</title><title xml:lang="qu">Willakuy %d</title>\n' % (b + 1, b + 1))
        f.write('  <segment id="apertura"><clip src="%s/cortina.flac"/>\n' % clips)
        f.write('    <say xml:lang="es">Buenos días. Hoy es {date}. Escucha {station}.</say>\n')
        f.write('    <say xml:lang="qu">Allin punchaw. Kunanqa {date}. {station}.</say></segment>\n')
        f.write('  <segment id="precios"><bed src="%s/fondo.ogg" duck-db="15" fade-ms="500"/>\n' % clips)
        f.write('    <prices feed="precios-{date}.xml" market="mercado-%02d"/></segment>\n' % b)
        f.write('  <segment id="noticias"><news feed="noticias-{date}.xml" network="%s" max="2"/></segment>\n'
                % NETWORKS[b % 4])
        f.write('  <segment id="cierre"><say xml:lang="es">Hasta la próxima.</say>\n')
        f.write('    <say xml:lang="qu">Tupananchikkama.</say><clip src="%s/cortina.flac"/></segment>\n' % clips)
        f.write('</bulletin>\n')
