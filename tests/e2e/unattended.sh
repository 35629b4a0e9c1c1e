# What a station leaves unattended: a bad price among good ones is left out
# and the others spoken; a missing clip still gives a bulletin (exit 1); a
# broken bulletin fails alone; a segment without Quechua text fails check;
# retention removes exactly the old folders and nothing through a link; the
# <notify> hook gets the summary (in Spanish under a Spanish locale) and a
# hanging hook is cut off; the station's own vocabulary is read on top of
# the shipped one.
. "$(dirname "$0")/lib.sh"
cd "$TMP"
export LC_ALL=C.UTF-8
mkdir feeds
cat >feeds/precios-$DATE.xml <<X
<prices date="$DATE">
  <market id="nery-garcia" name="Mercado Nery García">
    <price product="papa-amarilla" unit="kg" value="2.50"/>
    <price product="cuy" unit="unidad" value="2,50"/>
    <price product="maiz-amilaceo" unit="kg" value="3.20"/>
    <price product="haba" unit="kg" value="1.10" color="verde"/>
  </market>
</prices>
X
station() {	# extra elements
	printf '<station id="radio-prueba" name="Radio Prueba">\n  <feeds dir="feeds"/>\n  <cache size-mb="0"/>\n%s\n</station>\n' "$1" >station.xml
}
cat >precios.xml <<X
<bulletin id="precios" languages="es">
  <segment id="mercado"><prices feed="precios-{date}.xml" market="nery-garcia"/></segment>
</bulletin>
X
cat >clip.xml <<X
<bulletin id="clip" languages="es">
  <segment id="a"><clip src="nada.flac"/><say xml:lang="es">Buenos días.</say></segment>
</bulletin>
X
cat >roto.xml <<X
<bulletin id="roto" languages="es">
  <segment id="a"><say xml:lang="es">Hola.</say>
</bulletin>
X

# 1. One bad price, one price with an unknown attribute: both reported with
# their position and left out; the other two are spoken.
station '  <notify command="cat &gt;summary.txt; env | grep ^WILLAKUY_ | sort &gt;env.txt"/>'
expect_rc 1 "$WK" build -q -c station.xml -d "$DATE" -o out precios.xml
grep_err "feeds/precios-$DATE.xml:4:47: error: value=\"2,50\" is not a price in soles.*this price is left out"
grep_err "feeds/precios-$DATE.xml:6:57: error: <price> has no attribute 'color'.*left out"
t=out/$DATE/precios-es.txt
grep -q "papa amarilla, dos soles con cincuenta céntimos" "$t" || die "papa not spoken: $(cat "$t")"
grep -q "maíz amiláceo, tres soles con veinte céntimos" "$t" || die "maiz not spoken"
! grep -qi "cuy\|haba" "$t" || die "a bad price was spoken: $(cat "$t")"
[ -s out/latest/precios-es.mp3 ] || die "no bulletin in latest/"

# 2. The hook got the summary and the outcome.
grep -q "^willakuy build for $DATE in out: exit status 1" summary.txt || die "summary: $(cat summary.txt)"
grep -q "precios-$DATE.xml:4:47: error: value=\"2,50\"" summary.txt || die "summary lacks the price"
grep -qx "WILLAKUY_STATUS=1" env.txt || die "env: $(cat env.txt)"
grep -qx "WILLAKUY_DATE=$DATE" env.txt || die "env lacks the date"
grep -qx "WILLAKUY_OUTDIR=out" env.txt || die "env lacks the outdir"
grep -qx "WILLAKUY_BUILT=1" env.txt || die "env lacks the count"
# In Spanish under a Spanish locale.
rm -f summary.txt
LC_ALL=es_PE.UTF-8 expect_rc 1 "$WK" build -q -c station.xml -d "$DATE" -o out precios.xml
grep -q "^willakuy build del $DATE en out: código de salida 1" summary.txt || die "Spanish summary: $(cat summary.txt)"
grep -q "1 archivo de boletín publicado" summary.txt || die "Spanish count: $(cat summary.txt)"

# 3. A missing clip: named, the bulletin is built without it (exit 1);
# a broken bulletin fails alone (exit 3), the others are published.
expect_rc 3 "$WK" build -c station.xml -d "$DATE" -o out2 clip.xml roto.xml precios.xml
grep_err "clip.xml:2:19: error: segment 'a': .*nada.flac.*built without it"
grep_err "roto.xml:3:12: error: not well-formed"
grep -q "Buenos días" out2/$DATE/clip-es.txt || die "no clip bulletin"
[ -s out2/latest/clip-es.mp3 ] && [ -s out2/latest/precios-es.mp3 ] || die "latest/ lacks a bulletin"
expect_rc 1 "$WK" build -q -c station.xml -d "$DATE" -o out2 clip.xml

# 4. A hanging hook is cut off at its timeout; publication is not held up.
station '  <notify command="sleep 60 &amp; echo $! &gt;pid.txt; wait" timeout="1"/>'
start=$SECONDS
expect_rc 1 "$WK" build -q -c station.xml -d "$DATE" -o out precios.xml
[ $((SECONDS - start)) -le 8 ] || die "the hook held the run for $((SECONDS - start)) s"
grep_err "<notify> command .* did not end within 1 s and was stopped"
sleep 0.2
# Gone, or a zombie waiting for an init that does not reap.
case $(ps -o stat= -p "$(cat pid.txt)" 2>/dev/null) in
""|Z*) ;;
*) die "the hook's child outlived its timeout" ;;
esac
station '  <notify command="exit 9"/>'
expect_rc 1 "$WK" build -q -c station.xml -d "$DATE" -o out precios.xml
grep_err "<notify> command 'exit 9' failed with exit status 9"

# 5. Retention: 14 days kept by default; older dated folders go, with what
# is in them; a link named as an old date is left, and nothing outside OUTDIR
# is touched through a link.
station ''
mkdir -p out/2026-11-01/precios-es out/2026-11-15 out/2026-11-16 out/2026-12-01 \
    outside/2026-10-01 out/not-a-date
echo keep >outside/secret.txt
echo x >out/2026-11-01/precios-es/01-a.mp3
ln -s "$TMP/outside/secret.txt" out/2026-11-01/link.txt
ln -s "$TMP/outside/secret.txt" out/2026-11-01/precios-es/link.mp3
ln -s "$TMP/outside/2026-10-01" out/2026-10-01
echo x >out/2026-10-02
expect_rc 1 "$WK" build -q -c station.xml -d "$DATE" -o out precios.xml
for d in 2026-11-15 2026-11-16 2026-12-01 "$DATE" not-a-date latest; do
	[ -d "out/$d" ] || die "retention removed out/$d"
done
[ ! -e out/2026-11-01 ] || die "retention kept out/2026-11-01 (28 days old)"
[ -L out/2026-10-01 ] && [ -d outside/2026-10-01 ] || die "retention followed or removed a link"
[ -f out/2026-10-02 ] || die "retention removed a file named as a date"
[ "$(cat outside/secret.txt)" = keep ] || die "a file outside OUTDIR was touched"
# <retention days="0"> keeps everything.
station '  <retention days="0"/>'
mkdir out/2026-01-01
expect_rc 1 "$WK" build -q -c station.xml -d "$DATE" -o out precios.xml
[ -d out/2026-01-01 ] || die "days=0 removed a folder"

# 6. check: a segment with a jingle and Spanish text but no Quechua text,
# and xml:lang="quechua".
cp "$TOP/bulletins/clips/cortina.flac" .
cat >q.xml <<X
<bulletin id="q" languages="es qu">
  <segment id="a"><clip src="cortina.flac"/><say xml:lang="es">Hola.</say></segment>
  <segment id="b"><say xml:lang="es">Hola.</say>
    <say xml:lang="quechua">Allinllachu.</say></segment>
  <segment id="c" speech="optional"><clip src="cortina.flac"/><say xml:lang="es">Hola, 31/11/2026.</say></segment>
</bulletin>
X
expect_rc 3 "$WK" check -d "$DATE" q.xml
grep_err "q.xml:2:3: error: segment 'a' says nothing in 'qu'.*clips alone"
grep_err "q.xml:4:5: error: unknown language xml:lang=\"quechua\"; did you mean 'qu'\?"
grep_err "q.xml:5:[0-9]+: warning: '31/11/2026' cannot be read as a date"
! grep -q "segment 'c' says nothing" "$TMP/err.txt" || die "speech=optional was not honoured"
# 7. Local vocabulary: voices/ beside the station file and $WILLAKUY_LOCAL
# are read on top of the shipped data (a new product, a renamed one, a
# pronunciation), which stays untouched.
mkdir -p voices/es loc/es
cat >voices/catalog.xml <<X
<catalog>
  <product id="haba"><name xml:lang="es">haba verde de Huanta</name><name xml:lang="qu">hawas</name></product>
  <product id="papa-amarilla"><name xml:lang="es">papa amarilla local</name><name xml:lang="qu">qillu papa</name></product>
</catalog>
X
sed -i 's/value="1.10" color="verde"/value="1.10"/' feeds/precios-$DATE.xml
station ''
expect_rc 1 "$WK" build -q -c station.xml -d "$DATE" -o out3 precios.xml
t=out3/$DATE/precios-es.txt
grep -q "haba verde de Huanta, un sol con diez céntimos" "$t" || die "local product: $(cat "$t")"
grep -q "papa amarilla local, dos soles" "$t" || die "local name does not win: $(cat "$t")"
# preview and kit read the same local vocabulary as build.
"$WK" preview -c station.xml -d "$DATE" precios.xml 2>/dev/null | grep -q "papa amarilla local, dos soles" ||
    die "preview does not say the local name"
"$WK" kit -q -l es -c station.xml -d "$DATE" -o kit precios.xml >/dev/null 2>&1
grep -q "^papa-amarilla-local.wav: papa amarilla local$" kit/es/index.txt || die "kit lacks the local name"
echo "Nery = Neri de los ríos" >loc/es/lexicon.txt
[ "$(echo "Mercado Nery" | WILLAKUY_LOCAL="$TMP/loc" "$WK" verbalize -l es)" = "Mercado Neri de los ríos" ] ||
    die "local lexicon not read"
[ "$(echo "Mercado Nery" | WILLAKUY_LOCAL="$TMP/nowhere" "$WK" verbalize -l es)" = "Mercado Nery" ] ||
    die "the lexicon changed without a local folder"
grep -q "verde de Huanta" "$TOP/voices/catalog.xml" && die "the shipped catalogue was changed"
echo "unattended: bad price left out, missing clip, hook summary and timeout, retention, silent Quechua"
