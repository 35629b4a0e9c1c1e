# A station id that is one of the output folder's own names (latest,
# podcast, a date) is refused by the station reader at its file:line:col
# with why and what to do, in check and build alike: with several stations
# in one run it would be OUTDIR/<id>/, taken for latest/, the podcast feeds
# or a day's folder. Ids that only look alike are still accepted.
. "$(dirname "$0")/lib.sh"
cd "$TMP"
printf '<bulletin id="t" languages="es"><segment id="x"><say xml:lang="es">Hola.</say></segment></bulletin>\n' >t.xml
st() { printf '<station id="%s" name="Radio">\n  <feeds dir="."/><cache size-mb="0"/>\n</station>\n' "$1" >"$1.xml"; }
st radio-a
for id in latest podcast 2026-12-08 2026-11-29; do
	st $id
	expect_rc 3 "$WK" check $id.xml
	grep_err "^willakuy: $id\.xml:1:14: error: the station id '$id' is a name the output folder uses for itself \(latest/, podcast/ and one folder per date\).*choose another id, such as 'radio-$id'"
	expect_rc 3 "$WK" build -q -c radio-a.xml -c $id.xml -d $DATE -o out t.xml
	grep_err "$id\.xml:1:14: error: the station id '$id'"
	[ ! -e out/$id ] || die "a folder for '$id' was made"
done
env -u LC_ALL LANG=es_PE.UTF-8 "$WK" check latest.xml 2>err.txt
grep_err "el id de emisora 'latest' es un nombre que la carpeta de salida usa para sí misma"
for id in latest-news podcasts 2026-12 radio-2026-12-08; do
	st $id
	expect_rc 0 "$WK" check $id.xml
done
expect_rc 0 "$WK" build -q -c radio-a.xml -c latest-news.xml -d $DATE -o out t.xml
[ -f out/latest-news/$DATE/t-es.mp3 ] && [ -d out/radio-a/latest ] || die "two stations: $(find out -maxdepth 3 | sort | head -20)"
exit 0
