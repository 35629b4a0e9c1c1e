# One output folder, one station: the first run records its station in
# OUTDIR/.willakuy-station; a run of another station into it is refused
# (exit 2, both named, what to do), leaving latest/, the podcast feed and
# its guids, and the report as they were; an OUTDIR from before the record
# is adopted by the first station that runs into it, with a note; a link
# planted at the record is refused, never followed; a run of several
# stations records each in its own folder.
. "$(dirname "$0")/lib.sh"
cd "$TMP"
for s in radio-a radio-b; do
	printf '<station id="%s" name="Radio %s"><feeds dir="."/><cache size-mb="0"/></station>\n' "$s" "$s" >$s.xml
done
printf '<bulletin id="t" languages="es"><segment id="x"><say xml:lang="es">Hola.</say></segment></bulletin>\n' >t.xml
run() { "$WK" build -q -c "$1.xml" -d $DATE -o "$2" t.xml; }
sums() { (cd "$1" && find . -type f ! -name .willakuy.lock -print0 | sort -z | xargs -0 md5sum); }

expect_rc 0 run radio-a o
[ "$(cat o/.willakuy-station)" = "$(printf 'willakuy-station 1\nradio-a')" ] || die "record: $(cat o/.willakuy-station)"
before=$(sums o)
expect_rc 2 run radio-b o
grep_err "^willakuy: o: error: this output folder belongs to station 'radio-a' \(\.willakuy-station\), not to 'radio-b': a run of 'radio-b' would replace its latest/, podcast feeds and report\. Give each station an output folder of its own \(-o\), or build both in one run"
[ "$(sums o)" = "$before" ] || die "the refused run changed the folder"
python3 - o/podcast/t-es.xml <<'P' || die "guids"
import sys, xml.etree.ElementTree as ET
g = [e.text for e in ET.parse(sys.argv[1]).iter("guid")]
assert g == ["radio-a:t-es:2026-11-29"], g
P
expect_rc 0 run radio-a o
env -u LC_ALL LANG=es_PE.UTF-8 "$WK" build -q -c radio-b.xml -d $DATE -o o t.xml 2>err.txt
[ $? = 2 ] || die "Spanish: not refused"
grep_err "esta carpeta de salida es de la emisora 'radio-a' \(\.willakuy-station\), no de 'radio-b'"

# An OUTDIR of willakuy's from before the record: adopted, with a note.
mkdir -p old/latest old/2026-11-28
expect_rc 0 "$WK" build -v -c radio-b.xml -d $DATE -o old t.xml
grep_err "old: note: this output folder had no record of its station: it now belongs to 'radio-b'"
grep -qx radio-b old/.willakuy-station || die "not adopted"
expect_rc 2 run radio-a old
# A new one says nothing of it.
expect_rc 0 "$WK" build -v -c radio-b.xml -d $DATE -o new t.xml
grep -q "had no record" err.txt && die "a new folder was called adopted"

# A link planted at the record: refused, not followed, not replaced.
echo decoy >decoy
mkdir l && ln -s "$TMP/decoy" l/.willakuy-station
expect_rc 5 run radio-a l
grep_err "\.willakuy-station is not willakuy's record of the station"
[ "$(cat decoy)" = decoy ] && [ -L l/.willakuy-station ] || die "the link was followed or replaced"
# A record of another text: refused too.
printf 'radio-a\n' >l2 && mkdir m && mv l2 m/.willakuy-station
expect_rc 5 run radio-a m

# Several stations in one run: each its own folder and record; a run of
# one station into another's folder is refused.
expect_rc 0 "$WK" build -q -c radio-a.xml -c radio-b.xml -d $DATE -o multi t.xml
grep -qx radio-a multi/radio-a/.willakuy-station && grep -qx radio-b multi/radio-b/.willakuy-station ||
    die "multi: $(cat multi/*/.willakuy-station)"
expect_rc 2 run radio-b multi/radio-a
expect_rc 0 run radio-a multi/radio-a
echo "owner: one station per output folder, recorded, checked, adopted from before, never through a link"
