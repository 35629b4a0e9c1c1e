"""Feeds for the bench workloads (gen.py, netday.py): a price feed of
markets that each price the same products, and a news feed of items made
of random words, both from the caller's seeded random.Random."""
import os

TOWNS = ["Huamanga", "Huanta", "Quinua", "Tambo", "San Miguel", "Vinchos",
         "Socos", "Acos", "Julcamarca", "Cangallo", "Vilcashuamán", "Sucre"]
NETWORKS = ["agro", "turismo", "informacion", "artesania"]
ES_WORDS = ("la feria de productores de Huanta recibirá a 120 familias el 4 de diciembre "
            "con precios de S/ 2.50 el kilo de papa y un 15% menos en la quinua").split()
QU_WORDS = ("Wanta llaqtapi chakra llamkaqkunapa qatunmi kanqa Disimri killapi "
            "huk kilo papa S/ 2.50 chaninpi kinwapas 15% pisillam").split()


def write_prices(out, date, rnd, markets, products):
    """out/feeds/precios-DATE.xml: markets is [(id, town)], products
    [(id, unit)]; each price with a previous one within a sol of it."""
    with open(os.path.join(out, "feeds", "precios-%s.xml" % date), "w") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n<prices date="%s" currency="PEN" source="bench">\n' % date)
        for mid, town in markets:
            f.write('  <market id="%s" name="Mercado de %s" town="%s">\n' % (mid, town, town))
            for p, unit in products:
                v = rnd.randint(50, 30000) / 100
                prev = max(0.1, v + rnd.choice([-1, 0, 1]) * rnd.randint(0, 100) / 100)
                f.write('    <price product="%s" unit="%s" value="%.2f" previous="%.2f"/>\n' % (p, unit, v, prev))
            f.write('  </market>\n')
        f.write('</prices>\n')


def write_catalog(folder, markets):
    """folder/voices/catalog.xml, beside a station file: the markets
    [(id, town)] that the shipped catalogue does not know, as a station
    adds its own."""
    os.makedirs(os.path.join(folder, "voices"), exist_ok=True)
    with open(os.path.join(folder, "voices", "catalog.xml"), "w") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n<catalog>\n')
        for mid, town in markets:
            f.write('  <market id="%s" town="%s"><name xml:lang="es">Mercado de %s</name>'
                    '<name xml:lang="qu">%s qatu</name></market>\n' % (mid, town, town, town))
        f.write('</catalog>\n')


def write_news(out, date, rnd, n, es_len, qu_len):
    """out/feeds/noticias-DATE.xml: n items over the four networks, each a
    headline and a text of es_len (qu_len) random words per language."""
    with open(os.path.join(out, "feeds", "noticias-%s.xml" % date), "w") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n<news date="%s">\n' % date)
        for i in range(n):
            es = " ".join(rnd.choice(ES_WORDS) for _ in range(es_len))
            qu = " ".join(rnd.choice(QU_WORDS) for _ in range(qu_len))
            f.write('  <item id="n%03d" network="%s" date="%s" expires="2026-12-06">\n' % (i, NETWORKS[i % 4], date))
            f.write('    <headline xml:lang="es">Noticia %d de la red.</headline>\n' % (i + 1))
            f.write('    <text xml:lang="es">%s.</text>\n' % es.capitalize())
            f.write('    <headline xml:lang="qu">%d willakuy.</headline>\n' % (i + 1))
            f.write('    <text xml:lang="qu">%s.</text>\n' % qu.capitalize())
            f.write('  </item>\n')
        f.write('</news>\n')
