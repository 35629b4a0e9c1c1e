# The price history: 14 generated days in one archive (13 by `history
# import`, the 14th archived by the build itself); the spoken weekly
# changes and cheapest markets against values computed here from the
# generator's CSV; freshness; too little history; a damaged and a locked
# archive (the bulletin is still made, exit 1); `history` listings.
. "$(dirname "$0")/lib.sh"
cd "$TMP"
python3 - <<'P'
import datetime, os
os.makedirs("feeds")
start = datetime.date(2026, 11, 16)
markets = [("nery-garcia", "Mercado Nery García Zárate", "Huamanga"),
           ("huanta-central", "Mercado Central de Huanta", "Huanta")]
prods = [("papa-amarilla", "kg", 200), ("quinua", "kg", 800),
         ("cuy", "unidad", 2200), ("tarwi", "kg", 900)]
csv = open("prices.csv", "w")
for d in range(14):
    day = start + datetime.timedelta(days=d)
    x = ['<?xml version="1.0" encoding="UTF-8"?>', '<prices date="%s" currency="PEN">' % day]
    for mi, (mid, name, town) in enumerate(markets):
        x.append('  <market id="%s" name="%s" town="%s">' % (mid, name, town))
        for pi, (p, u, base) in enumerate(prods):
            if p == "tarwi" and (mi == 1 or d < 10):
                continue	# tarwi: one market, and only four days
            sign = 1 if (pi + mi) % 2 == 0 else -1
            v = base + sign * d * (7 + 5 * pi) + (mi * 13 * (pi + 1)) * (-1) ** pi
            x.append('    <price product="%s" unit="%s" value="%d.%02d"/>' % (p, u, v // 100, v % 100))
            csv.write("%s,%s,%s,%s,%d\n" % (day, mid, p, u, v))
        x.append('  </market>')
    x.append('</prices>')
    open("feeds/precios-%s.xml" % day, "w").write("\n".join(x) + "\n")
P
cat >station.xml <<'S'
<?xml version="1.0" encoding="UTF-8"?>
<station id="prueba" name="Radio Prueba"><feeds dir="feeds"/><cache size-mb="0"/><pauses item-ms="100" segment-ms="100"/></station>
S
cat >mercado.xml <<'B'
<?xml version="1.0" encoding="UTF-8"?>
<bulletin id="mercado" languages="es qu" max-age-days="0">
  <title xml:lang="es">Mercado</title>
  <segment id="semana"><trends feed="precios-{date}.xml" market="nery-garcia" days="7"/></segment>
  <segment id="comparar"><compare feed="precios-{date}.xml" products="papa-amarilla quinua cuy tarwi"/></segment>
</bulletin>
B
cat >precios.xml <<'B'
<?xml version="1.0" encoding="UTF-8"?>
<bulletin id="precios" languages="es" max-age-days="0">
  <title xml:lang="es">Precios</title>
  <segment id="huamanga"><prices feed="precios-{date}.xml" market="nery-garcia"/></segment>
  <segment id="huanta"><prices feed="precios-{date}.xml" market="huanta-central"/></segment>
</bulletin>
B
LAST=2026-11-29
"$WK" check mercado.xml >/dev/null 2>&1 || { "$WK" check mercado.xml; die "check mercado.xml"; }
expect_rc 0 "$WK" history import -c station.xml -o out $(ls feeds/*.xml | grep -v "$LAST")
expect_rc 0 "$WK" build -c station.xml -d $LAST -o out mercado.xml precios.xml
[ "$(sqlite3 out/history.sqlite 'SELECT count(DISTINCT date) FROM price')" = 14 ] || die "14 days archived"
[ "$(sqlite3 out/history.sqlite 'SELECT count(*) FROM price')" = "$(wc -l <prices.csv)" ] || die "one row per price"
# Reading a day again replaces its rows, never duplicates them.
expect_rc 0 "$WK" history import -c station.xml -o out feeds/precios-$LAST.xml
[ "$(sqlite3 out/history.sqlite 'SELECT count(*) FROM price')" = "$(wc -l <prices.csv)" ] || die "a day read twice"

# The expected sentences, computed here from the CSV: change from 7 days
# before, in whole percent rounded half away from zero; the cheapest and
# dearest market of each product sold in two.
awk -F, -v last=$LAST -v week=2026-11-22 '
	BEGIN { name["papa-amarilla"] = "Papa amarilla"; name["quinua"] = "Quinua"; name["cuy"] = "Cuy"
		mk["nery-garcia"] = "Mercado Nery García Zárate"; mk["huanta-central"] = "Mercado Central de Huanta" }
	$2 == "nery-garcia" && $1 == last { now[$3] = $5 }
	$2 == "nery-garcia" && $1 == week { base[$3] = $5 }
	$1 == last { n[$3]++; if (!($3 in lo) || $5 < lo[$3]) { lo[$3] = $5; lom[$3] = $2 }
		if (!($3 in hi) || $5 > hi[$3]) { hi[$3] = $5; him[$3] = $2 } }
	END {
		split("papa-amarilla quinua cuy", order, " ")
		u["papa-amarilla"] = "kg"; u["quinua"] = "kg"; u["cuy"] = "unidad"
		for (i = 1; i <= 3; i++) { p = order[i]
			d = now[p] - base[p]; m = (d < 0 ? -d : d) * 100
			pct = int((2 * m + base[p]) / (2 * base[p]))
			printf "T %s %s %d%% en la semana.\n", name[p], (d > 0 ? "subió" : (d < 0 ? "bajó" : "mantuvo")), pct }
		for (i = 1; i <= 3; i++) { p = order[i]; if (n[p] < 2) continue
			printf "C El precio de %s es más bajo en el %s: S/ %d.%02d/%s, frente a S/ %d.%02d/%s en el %s; S/ %d.%02d de diferencia.\n", \
			    tolower(name[p]), mk[lom[p]], lo[p] / 100, lo[p] % 100, u[p], \
			    hi[p] / 100, hi[p] % 100, u[p], mk[him[p]], (hi[p] - lo[p]) / 100, (hi[p] - lo[p]) % 100 }
	}' prices.csv | sed 's/^[TC] //' >expected.txt
[ "$(wc -l <expected.txt)" = 6 ] || die "expected sentences: $(cat expected.txt)"
"$WK" verbalize -l es <expected.txt | sed 's/^./\U&/' >expected-words.txt
T=out/$LAST/mercado-es.txt
while read -r line; do
	grep -qxF "$line" "$T" || { cat "$T" >&2; die "transcript lacks: $line"; }
done <expected-words.txt
# The report: a 30-day chart per market and product priced today, and
# the weekly change of each against the value 7 days before, computed here
# from the CSV (tarwi has no such value: a dash); nothing from elsewhere.
python3 - out/$LAST/report.html prices.csv $LAST <<'P' || die "the report's charts and weekly changes"
import csv, datetime, re, sys
html, rows, last = open(sys.argv[1]).read(), list(csv.reader(open(sys.argv[2]))), sys.argv[3]
week = str(datetime.date.fromisoformat(last) - datetime.timedelta(days=7))
val = {(r[0], r[1], r[2]): int(r[4]) for r in rows}
want = {}
for (d, m, p), now in val.items():
    if d != last: continue
    base = val.get((week, m, p))
    if base is None: want[(m, p)] = None; continue
    mag = abs(now - base) * 100
    pct = (2 * mag + base) // (2 * base)
    want[(m, p)] = -pct if now < base else pct
got = {}
for m, p, cell, svg in re.findall(r'<tr data-market="([^"]*)" data-product="([^"]*)">(?:<td>[^<]*</td>){2}<td class="n">[^<]*</td><td class="n week"([^>]*)>[^<]*</td><td>(<svg class="spark".*?</svg>)?</td></tr>', html):
    assert (m, p) not in got, ("twice", m, p)
    pct = re.search(r'data-pct="(-?\d+)"', cell)
    got[(m, p)] = int(pct.group(1)) if pct else None
    assert svg, ("no chart", m, p)
    npts = len(re.search(r'points="([^"]*)"', svg).group(1).split())
    ndays = sum(1 for (d, mm, pp) in val if mm == m and pp == p)
    assert npts == ndays, (m, p, npts, ndays)
assert got == want, (got, want)
assert html.count('<svg class="spark"') == len(want) == 7, html.count('<svg class="spark"')
assert not re.search(r'(https?:)?//[a-z]', html) and "<script src" not in html, re.search(r'(https?:)?//[a-z].{0,40}', html)
P
# tarwi has four days of history: it is compared with the feed's previous
# price (none here) after saying so; it is sold in one market only.
grep -q "^De los demás productos aún no tenemos siete días" "$T" || die "too little history for tarwi"
grep -q "^Tarwi: " "$T" || die "tarwi's day line"
grep -q "tarwi" <(grep "más bajo" "$T") && die "tarwi compared in one market"
grep -q "simanapi" out/$LAST/mercado-qu.txt || die "qu trends"
grep -q "qatupim aswan pisi chanin" out/$LAST/mercado-qu.txt || die "qu compare"

# Freshness: the day after, today's feed is missing; yesterday's is not
# compared as today's (max-age-days="0"): fallback, exit 1.
expect_rc 1 "$WK" build -c station.xml -d 2026-11-30 -o out mercado.xml
grep -q "^Hoy no tenemos precios actualizados del Mercado Nery" out/2026-11-30/mercado-es.txt || die "stale trends"
grep -q "^Hoy no tenemos precios actualizados para comparar" out/2026-11-30/mercado-es.txt || die "stale compare"

# A new archive: too little history, said so, and the day's comparison.
expect_rc 0 "$WK" build -c station.xml -d $LAST -o fresh mercado.xml
grep -q "^Todavía no tenemos siete días de precios del Mercado Nery" fresh/$LAST/mercado-es.txt || die "no history"

# A damaged archive: reported, the bulletin is still made, exit 1.
printf 'this is not a database, %0500d\n' 0 >fresh/history.sqlite
expect_rc 1 "$WK" build -c station.xml -d $LAST -o fresh mercado.xml
grep_err "history.sqlite: error: the price history is damaged"
[ -s fresh/$LAST/mercado-es.mp3 ] || die "no bulletin with a damaged archive"

# A locked archive (another program writing): reported after the busy
# timeout, the bulletin still made, exit 1.
python3 -c '
import sqlite3, sys, time
c = sqlite3.connect("out/history.sqlite", isolation_level=None)
c.execute("BEGIN EXCLUSIVE"); print("locked", flush=True); time.sleep(9)' >lock.out &
lockpid=$!
while [ ! -s lock.out ]; do sleep 0.1; done
expect_rc 1 "$WK" build -c station.xml -d $LAST -o out mercado.xml
kill "$lockpid" 2>/dev/null; wait "$lockpid" 2>/dev/null
grep_err "history.sqlite: error: the price history is locked"
grep -q "^Papa amarilla:" out/$LAST/mercado-es.txt || die "no day's comparison without the archive"

# Listings.
expect_rc 0 "$WK" history -c station.xml -o out -m huanta-central -p cuy --from 2026-11-20 --to 2026-11-22
[ "$(wc -l <"$TMP/out.txt")" = 4 ] || { cat "$TMP/out.txt"; die "history filter"; }
grep -qx "2026-11-21,huanta-central,cuy,unidad,[0-9]*\.[0-9][0-9],,feeds/precios-2026-11-21.xml" "$TMP/out.txt" || die "history csv row"
expect_rc 0 "$WK" history -c station.xml -o out -p quinua --format json
python3 -c 'import json,sys; v=json.load(open(sys.argv[1])); assert len(v)==28 and v[0]["product"]=="quinua", v' "$TMP/out.txt" || die "history json"
expect_rc 3 "$WK" history -c station.xml -o nowhere
grep_err "no price history here yet"
expect_rc 2 "$WK" history --format xml
echo "history: 14 days, weekly changes and cheapest markets as computed; freshness; damaged and locked archives"
