# The price history: 14 generated days in one archive (13 by `history
# import`, which says what it archived, the 14th archived by the build
# itself); the spoken weekly changes and cheapest markets against values
# computed here from the generator's CSV; freshness; too little history; a
# damaged and a locked archive (the bulletin is still made, exit 1);
# `history` listings: CSV, JSON and the spreadsheet's CSV (read back with
# python's csv module), names and dates as import takes them, formulas from
# a feed neutralised; links planted at the archive refused, never followed.
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
# What it archived: per feed its date, markets and prices, as the CSV has.
awk -F, -v last=$LAST '$1 != last { n[$1]++; m[$1 " " $2] = 1 }
	END { for (k in m) { split(k, a, " "); nm[a[1]]++ }
		for (d in n) printf "feeds/precios-%s.xml: the prices of %s archived (%d markets, %d prices)\n", d, d, nm[d], n[d] }' \
    prices.csv | sort >want-archived.txt
echo "13 feeds archived in out/history.sqlite" >>want-archived.txt
diff want-archived.txt "$TMP/out.txt" >&2 || die "history import's account of what it archived"
expect_rc 0 "$WK" build -c station.xml -d $LAST -o out mercado.xml precios.xml
[ "$(sqlite3 out/history.sqlite 'SELECT count(DISTINCT date) FROM price')" = 14 ] || die "14 days archived"
[ "$(sqlite3 out/history.sqlite 'SELECT count(*) FROM price')" = "$(wc -l <prices.csv)" ] || die "one row per price"
# Reading a day again replaces its rows, never duplicates them.
expect_rc 0 "$WK" history import -c station.xml -o out feeds/precios-$LAST.xml
[ "$(sqlite3 out/history.sqlite 'SELECT count(*) FROM price')" = "$(wc -l <prices.csv)" ] || die "a day read twice"
grep -qx "feeds/precios-$LAST.xml: the prices of $LAST archived (2 markets, 7 prices); the archive had 7 prices of that day, replaced where the market, product and unit are the same" "$TMP/out.txt" ||
    { cat "$TMP/out.txt"; die "history import of a day archived before"; }

# The expected sentences, computed here from the CSV: change from 7 days
# before, in whole percent rounded half away from zero; the cheapest and
# dearest market of each product sold in two.
awk -F, -v last=$LAST -v week=2026-11-22 '
	BEGIN { name["papa-amarilla"] = "Papa amarilla"; name["quinua"] = "Quinua"; name["cuy"] = "Cuy"
		# Issue 24: the product with its article after "de".
		de["papa-amarilla"] = "de la"; de["quinua"] = "de la"; de["cuy"] = "del"
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
			printf "C El precio %s %s es más bajo en el %s: S/ %d.%02d/%s, frente a S/ %d.%02d/%s en el %s; S/ %d.%02d de diferencia.\n", \
			    de[p], tolower(name[p]), mk[lom[p]], lo[p] / 100, lo[p] % 100, u[p], \
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
# compared as today's (max-age-days="0"): fallback phrases, and since they
# are all the bulletin would say, it is not published (issue 24), exit 3.
expect_rc 3 "$WK" build -c station.xml -d 2026-11-30 -o out mercado.xml
grep_err "bulletin 'mercado' in 'es' has nothing new to say"
[ -e out/2026-11-30/mercado-es.mp3 ] && die "an empty bulletin was published"
"$WK" preview -q -l es -c station.xml -d 2026-11-30 mercado.xml >stale.txt
grep -q "^Hoy no tenemos precios actualizados del Mercado Nery" stale.txt || die "stale trends"
grep -q "^Hoy no tenemos precios actualizados para comparar" stale.txt || die "stale compare"

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

# The spreadsheet's CSV: a BOM, semicolons, a decimal comma, dates day
# first, names beside ids; read back with python's csv module, the values
# are the generator's.
expect_rc 0 "$WK" history -c station.xml -o out --format sheet
python3 - "$TMP/out.txt" prices.csv <<'P' || die "the spreadsheet's CSV"
import csv, sys
raw = open(sys.argv[1], "rb").read()
assert raw.startswith(b"\xef\xbb\xbf"), raw[:12]
rows = list(csv.reader(raw[3:].decode("utf-8").splitlines(), delimiter=";"))
assert rows[0] == ["fecha", "mercado", "nombre del mercado", "producto",
    "nombre del producto", "unidad", "nombre de la unidad", "precio",
    "anterior", "feed"], rows[0]
names = {"nery-garcia": "Mercado Nery García Zárate", "huanta-central": "Mercado Central de Huanta"}
prods = {"papa-amarilla": "papa amarilla", "quinua": "quinua", "cuy": "cuy", "tarwi": "tarwi"}
units = {"kg": "kilo", "unidad": "unidad"}
want = {}
for r in csv.reader(open(sys.argv[2])):
    y, m, d = r[0].split("-")
    want[("%s/%s/%s" % (d, m, y), r[1], r[2], r[3])] = int(r[4])
got = {}
for r in rows[1:]:
    assert len(r) == 10, r
    assert r[2] == names[r[1]] and r[4] == prods[r[3]] and r[6] == units[r[5]], r
    whole, cents = r[7].split(",")		# a decimal comma, no point
    assert len(cents) == 2 and "." not in r[7], r
    got[(r[0], r[1], r[3], r[5])] = int(whole) * 100 + int(cents)
assert got == want, (len(got), len(want))
P
# It is the default where numbers are written with a decimal comma.
env -u LC_ALL LANG=es_PE.UTF-8 "$WK" history -c station.xml -o out -p quinua >sheet.txt 2>/dev/null
head -c 3 sheet.txt | od -An -tx1 | grep -q "ef bb bf" || die "no sheet under es_PE"
sed -n 2p sheet.txt | grep -q "^16/11/2026;huanta-central;Mercado Central de Huanta;quinua;quinua;kg;kilo;[0-9]*,[0-9][0-9];" ||
    die "the sheet's rows under es_PE: $(sed -n 2p sheet.txt)"
LC_ALL=C.UTF-8 "$WK" history -c station.xml -o out -p quinua | head -1 | grep -qx "date,market,product,unit,value,previous,feed" ||
    die "plain CSV under C"
# Names and dates as import takes them give the rows that ids give.
"$WK" history -c station.xml -o out -m huanta-central -p cuy --from 2026-11-20 --to 2026-11-22 --format csv >ids.txt
for args in "-m|Mercado Central de Huanta|-p|Cuy|--from|20/11/2026|--to|22/11/2026" \
    "-m|MERCADO CENTRAL DE HUANTA|-p|cuy|--from|20-11-2026|--to|2026-11-22" \
    "-m|mercado central de huánta|-p|CUY|--from|20.11.2026|--to|22/11/2026"; do
	IFS='|' read -ra a <<<"$args"
	expect_rc 0 "$WK" history -c station.xml -o out "${a[@]}" --format csv
	cmp -s ids.txt "$TMP/out.txt" || { cat "$TMP/out.txt"; die "history ${a[*]}"; }
done
for m in "Nery García" "nery garcia" "NERY-GARCÍA" "Mercado Nery García Zárate"; do
	expect_rc 0 "$WK" history -c station.xml -o out -m "$m" --format csv
	[ "$(($(wc -l <"$TMP/out.txt") - 1))" = "$(grep -c ',nery-garcia,' prices.csv)" ] || die "history -m '$m'"
done
expect_rc 0 "$WK" history -c station.xml -o out -m "Nery Garsia" --format csv
grep_err "no price of market 'Nery Garsia' in the history; did you mean 'nery-garcia'\?"
expect_rc 2 "$WK" history -c station.xml -o out --from 31/11/2026
grep_err "DD/MM/YYYY, not '31/11/2026'"

# Formulas in a feed are archived as the feed writes them (by history
# import and by build), and every CSV the history writes neutralises them.
cat >formulas.xml <<'X'
<?xml version="1.0" encoding="UTF-8"?>
<prices date="2026-11-29" currency="PEN">
  <market id="feria-dominical" name="=cmd|' /C calc'!A0">
    <price product="cuy" unit="=HYPERLINK(&quot;http://evil.example/&quot;,&quot;kg&quot;)" value="1.00"/>
    <price product="quinua" unit="@SUM(1+1)" value="2.00"/>
    <price product="tarwi" unit="+1" value="3.00"/>
    <price product="oca" unit="-1" value="4.00"/>
    <price product="olluco" unit="&#9;=1+1" value="5.00"/>
  </market>
</prices>
X
expect_rc 0 "$WK" history import -o evil formulas.xml
sqlite3 evil/history.sqlite "SELECT market_name || '|' || unit FROM price ORDER BY value" >archived.txt
printf '%s\n' "=cmd|' /C calc'!A0|=HYPERLINK(\"http://evil.example/\",\"kg\")" "=cmd|' /C calc'!A0|@SUM(1+1)" \
    "=cmd|' /C calc'!A0|+1" "=cmd|' /C calc'!A0|-1" "=cmd|' /C calc'!A0|	=1+1" | diff - archived.txt >&2 ||
    die "the archive does not hold the feed's text as it was"
mkdir -p evilfeeds && cp formulas.xml evilfeeds/precios-$LAST.xml
sed 's|<feeds dir="feeds"/>|<feeds dir="evilfeeds"/>|' station.xml >evil-station.xml
cat >feria.xml <<'B'
<?xml version="1.0" encoding="UTF-8"?>
<bulletin id="feria" languages="es"><segment id="a"><say xml:lang="es">Hola.</say></segment></bulletin>
B
sed -i 's|</bulletin>|<segment id="b"><prices feed="precios-{date}.xml" market="feria-dominical" products="cuy"/></segment></bulletin>|' feria.xml
"$WK" build -q -c evil-station.xml -d $LAST -o evilbuild feria.xml >/dev/null 2>&1
sqlite3 evilbuild/history.sqlite "SELECT market_name || '|' || unit FROM price ORDER BY value" | diff - archived.txt >&2 ||
    die "build does not archive the feed's text as it was"
for fmt in csv sheet; do
	expect_rc 0 "$WK" history -o evil -m "=cmd|' /C calc'!A0" --format $fmt
	python3 - "$TMP/out.txt" $fmt <<'P' || die "formulas in the $fmt CSV"
import csv, sys
raw = open(sys.argv[1], "rb").read().decode("utf-8-sig")
rows = list(csv.reader(raw.splitlines(True), delimiter=";" if sys.argv[2] == "sheet" else ","))
assert len(rows) == 6, rows
for r in rows[1:]:
    for cell in r:
        assert cell[:1] not in "=+-@\t\r" or cell == "", (cell, r)
    unit = r[5] if sys.argv[2] == "sheet" else r[3]
    assert unit.startswith("'") and unit[1:2] in "=+-@ ", r  # a tab became a space: a cell is one line
    if sys.argv[2] == "sheet":
        assert r[2] == "'=cmd|' /C calc'!A0", r
P
done

# Links planted where the archive is kept are refused, never followed: the
# decoy database they point at stays as it was, and build still makes its
# bulletin without the archive (exit 1). So is a folder others may write
# into, unless the station says it is shared.
mkdir planted
sqlite3 decoy.sqlite "CREATE TABLE t (x); INSERT INTO t VALUES (42);"
before=$(sha256sum decoy.sqlite)
ln -s "$TMP/decoy.sqlite" planted/history.sqlite
expect_rc 5 "$WK" history import -c station.xml -o planted feeds/precios-$LAST.xml
grep_err "planted/history.sqlite: error: a symbolic link where the price history is kept"
expect_rc 1 "$WK" build -c station.xml -d $LAST -o planted precios.xml
grep_err "planted/history.sqlite: error: a symbolic link where the price history is kept"
[ -s planted/$LAST/precios-es.mp3 ] || die "no bulletin beside a planted link"
rm planted/history.sqlite
ln -s "$TMP/decoy.sqlite" planted/history.sqlite-wal
expect_rc 5 "$WK" history import -c station.xml -o planted feeds/precios-$LAST.xml
grep_err "planted/history.sqlite-wal: error: a symbolic link"
[ "$(sha256sum decoy.sqlite)" = "$before" ] || die "the decoy database was written through a link"
[ "$(sqlite3 decoy.sqlite 'SELECT name FROM sqlite_master')" = t ] || die "a table was added to the decoy"
[ -e planted/history.sqlite ] && die "an archive was made beside a planted -wal link"
rm planted/history.sqlite-wal
chmod 777 planted
expect_rc 5 "$WK" history import -c station.xml -o planted feeds/precios-$LAST.xml
grep_err "planted: error: the folder of the price history is writable by other users \(mode 777\)"
sed 's|<feeds dir="feeds"/>|<feeds dir="feeds"/><output shared="yes"/>|' station.xml >shared.xml
expect_rc 0 "$WK" history import -c shared.xml -o planted feeds/precios-$LAST.xml
chmod 755 planted

# A link in the operator's own path above OUTDIR (/srv -> /data) is not a
# planted one: the archive is kept in the real folder.
mkdir -p real/out
ln -s "$TMP/real" via
expect_rc 0 "$WK" history import -c station.xml -o via/out feeds/precios-$LAST.xml
[ -s real/out/history.sqlite ] || die "no archive behind a link in the operator's path"
echo "history: 14 days, weekly changes and cheapest markets as computed; freshness; damaged and locked archives; the spreadsheet's CSV; names and dates; formulas neutralised; planted links refused"
