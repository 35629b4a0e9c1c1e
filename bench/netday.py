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

out, clips, nst = sys.argv[1], os.path.abspath(sys.argv[2]), int(sys.argv[3])
rnd = random.Random(18)
date = "2026-11-29"
products = [
    ("papa-amarilla", "kg"), ("papa-huayro", "kg"), ("maiz-amilaceo", "kg"),
    ("haba-verde", "kg"), ("quinua", "kg"), ("cuy", "unidad"),
    ("queso-fresco", "kg"), ("oca", "kg"), ("trigo", "qq"), ("cebolla", "arroba"),
]
towns = ["Huamanga", "Huanta", "Quinua", "Tambo", "San Miguel", "Vinchos",
         "Socos", "Acos", "Julcamarca", "Cangallo", "Vilcashuamán", "Sucre"]
networks = ["agro", "turismo", "informacion", "artesania"]
for d in ("feeds", "bulletins", "stations"):
    os.makedirs(os.path.join(out, d), exist_ok=True)
with open(os.path.join(out, "feeds", "precios-%s.xml" % date), "w") as f:
    f.write('<?xml version="1.0" encoding="UTF-8"?>\n<prices date="%s" currency="PEN" source="bench">\n' % date)
    for m, town in enumerate(towns):
        f.write('  <market id="mercado-%02d" name="Mercado de %s" town="%s">\n' % (m, town, town))
        for p, unit in products:
            v = rnd.randint(50, 30000) / 100
            prev = max(0.1, v + rnd.choice([-1, 0, 1]) * rnd.randint(0, 100) / 100)
            f.write('    <price product="%s" unit="%s" value="%.2f" previous="%.2f"/>\n' % (p, unit, v, prev))
        f.write('  </market>\n')
    f.write('</prices>\n')
es_words = ("la feria de productores de Huanta recibirá a 120 familias el 4 de diciembre "
            "con precios de S/ 2.50 el kilo de papa y un 15% menos en la quinua").split()
qu_words = ("Wanta llaqtapi chakra llamkaqkunapa qatunmi kanqa Disimri killapi "
            "huk kilo papa S/ 2.50 chaninpi kinwapas 15% pisillam").split()
with open(os.path.join(out, "feeds", "noticias-%s.xml" % date), "w") as f:
    f.write('<?xml version="1.0" encoding="UTF-8"?>\n<news date="%s">\n' % date)
    for i in range(24):
        es = " ".join(rnd.choice(es_words) for _ in range(24))
        qu = " ".join(rnd.choice(qu_words) for _ in range(18))
        f.write('  <item id="n%03d" network="%s" date="%s" expires="2026-12-06">\n' % (i, networks[i % 4], date))
        f.write('    <headline xml:lang="es">Noticia %d de la red.</headline>\n' % (i + 1))
        f.write('    <text xml:lang="es">%s.</text>\n' % es.capitalize())
        f.write('    <headline xml:lang="qu">%d willakuy.</headline>\n' % (i + 1))
        f.write('    <text xml:lang="qu">%s.</text>\n' % qu.capitalize())
        f.write('  </item>\n')
    f.write('</news>\n')
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
                % networks[b % 4])
        f.write('  <segment id="cierre"><say xml:lang="es">Hasta la próxima.</say>\n')
        f.write('    <say xml:lang="qu">Tupananchikkama.</say><clip src="%s/cortina.flac"/></segment>\n' % clips)
        f.write('</bulletin>\n')
