#!/usr/bin/env python3
"""Makes the benchmark workload: a day of feeds for many markets and news
items, a station, and bulletins of about `minutes` of audio per language:
one bulletin per market group, one news bulletin. Deterministic (seeded).

usage: gen.py OUTDIR MINUTES
"""
import os
import random
import sys

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
towns = ["Huamanga", "Huanta", "Quinua", "Tambo", "San Miguel", "Vinchos",
         "Socos", "Acos", "Julcamarca", "Cangallo", "Vilcashuamán", "Sucre"]
markets = ["nery-garcia", "santa-clara", "huanta-central"]
# About 6 s a price line and 3 s of intro per market, per language.
lines_per_market = len(products)
nmarkets = max(1, int(minutes * 60 * 0.75 / (lines_per_market * 6.5)))
os.makedirs(os.path.join(out, "feeds"), exist_ok=True)
os.makedirs(os.path.join(out, "bulletins"), exist_ok=True)

with open(os.path.join(out, "feeds", "precios-%s.xml" % date), "w") as f:
    f.write('<?xml version="1.0" encoding="UTF-8"?>\n<prices date="%s" currency="PEN" source="bench">\n' % date)
    for m in range(nmarkets):
        mid = markets[m % len(markets)] if m < len(markets) else "mercado-%02d" % m
        f.write('  <market id="%s" name="Mercado de %s" town="%s">\n' % (mid, towns[m % len(towns)], towns[m % len(towns)]))
        for p, unit in products:
            v = rnd.randint(50, 30000) / 100
            prev = max(0.1, v + rnd.choice([-1, 0, 1]) * rnd.randint(0, 100) / 100)
            f.write('    <price product="%s" unit="%s" value="%.2f" previous="%.2f"/>\n' % (p, unit, v, prev))
        f.write('  </market>\n')
    f.write('</prices>\n')

networks = ["agro", "turismo", "informacion", "artesania"]
es_words = ("la feria de productores de Huanta recibirá a 120 familias el 4 de diciembre "
            "con precios de S/ 2.50 el kilo de papa y un 15% menos en la quinua").split()
qu_words = ("Wanta llaqtapi chakra llamkaqkunapa qatunmi kanqa Disimri killapi "
            "huk kilo papa S/ 2.50 chaninpi kinwapas 15% pisillam").split()
nnews = max(4, int(minutes * 60 * 0.25 / 14))
with open(os.path.join(out, "feeds", "noticias-%s.xml" % date), "w") as f:
    f.write('<?xml version="1.0" encoding="UTF-8"?>\n<news date="%s">\n' % date)
    for i in range(nnews):
        es = " ".join(rnd.choice(es_words) for _ in range(28))
        qu = " ".join(rnd.choice(qu_words) for _ in range(22))
        f.write('  <item id="n%03d" network="%s" date="%s" expires="2026-12-06">\n' % (i, networks[i % 4], date))
        f.write('    <headline xml:lang="es">Noticia %d de la red.</headline>\n' % (i + 1))
        f.write('    <text xml:lang="es">%s.</text>\n' % es.capitalize())
        f.write('    <headline xml:lang="qu">%d willakuy.</headline>\n' % (i + 1))
        f.write('    <text xml:lang="qu">%s.</text>\n' % qu.capitalize())
        f.write('  </item>\n')
    f.write('</news>\n')

with open(os.path.join(out, "station.xml"), "w") as f:
    f.write('<station id="bench" name="Radio Bench"><feeds dir="feeds"/>'
            '<audio rate="44100" channels="1" bitrate="128" mode="cbr"/></station>\n')

with open(os.path.join(out, "bulletins", "precios.xml"), "w") as f:
    f.write('<bulletin id="precios" languages="es qu">\n')
    f.write('  <title xml:lang="es">Precios</title><title xml:lang="qu">Chaninkuna</title>\n')
    for m in range(nmarkets):
        mid = markets[m % len(markets)] if m < len(markets) else "mercado-%02d" % m
        f.write('  <segment id="m%02d"><prices feed="precios-{date}.xml" market="%s"/></segment>\n' % (m, mid))
    f.write('</bulletin>\n')
with open(os.path.join(out, "bulletins", "noticias.xml"), "w") as f:
    f.write('<bulletin id="noticias" languages="es qu">\n')
    f.write('  <title xml:lang="es">Noticias</title><title xml:lang="qu">Willakuykuna</title>\n')
    per = max(1, nnews // 8)
    for s in range(8):
        f.write('  <segment id="s%d"><news feed="noticias-{date}.xml" network="%s" max="%d"/></segment>\n'
                % (s, networks[s % 4], per))
    f.write('</bulletin>\n')
print("%d markets, %d news items" % (nmarkets, nnews))
