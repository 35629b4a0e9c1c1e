# Each station of a run keeps its own world. Station A maps the RSS
# category Deportes to a network, station B respells "Nery" in a lexicon
# of its own (voices/es/lexicon.txt beside its file): built together, in
# either -c order, each says exactly what it says built alone. Five
# stations in one run each keep their own vocabulary folder (lexicons, a
# local catalogue), none dropped. check -c reads a station's map as build
# does. And languages are the voices' to say: a news item tagged quz
# (Cusco Quechua) is never read as Chanka: without a quz voice it is left
# out of the qu bulletin as another language no voice reads, with one it
# goes to the quz bulletin and is announced in the qu one.
. "$(dirname "$0")/lib.sh"
cd "$TMP"
mkdir feeds
cat >"feeds/rss-$DATE.xml" <<'X'
<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Red</title><language>es</language>
<item><title>Partido del domingo</title><description>Gana el equipo local.</description><category>Deportes</category><pubDate>Sat, 28 Nov 2026 08:00:00 -0500</pubDate></item>
</channel></rss>
X
# A market's fresh prices too: a station whose only feed segment fell back
# would have nothing new to say and not go to air (issue 24).
cp "$TOP/examples/feeds/precios-$DATE.xml" feeds/
cat >dia.xml <<'X'
<bulletin id="dia" languages="es">
  <segment id="info"><news feed="rss-{date}.xml" network="informacion" max="5" untranslated="skip"/></segment>
  <segment id="mercado"><say xml:lang="es">Mercado Nery.</say></segment>
  <segment id="precios"><prices feed="precios-{date}.xml" market="santa-clara"/></segment>
</bulletin>
X
# station ID [EXTRA]: ID/ID.xml, feeds in ../feeds.
station() {
	mkdir -p "$1"
	printf '<station id="radio-%s" name="Radio %s"><feeds dir="../feeds"/>%s</station>\n' \
	    "$1" "$1" "${2:-}" >"$1/$1.xml"
}
station a '<category name="Deportes" network="informacion"/>'
station b
mkdir -p b/voices/es
echo 'Nery = Neri de los ríos' >b/voices/es/lexicon.txt

# build OUT STATION...: builds dia.xml for the stations, in that order.
build() {
	local out=$1 args=() s
	shift
	for s in "$@"; do args+=(-c "$s/$s.xml"); done
	"$WK" build -q "${args[@]}" -d "$DATE" -o "$out" dia.xml \
	    >"$TMP/out.txt" 2>"$TMP/err.txt"
	# 0, or 1 for the fallback of a station without the map.
	[ $? -le 1 ] || { cat "$TMP/err.txt"; die "build $* failed"; }
}
build alone-a a
build alone-b b
build ab a b
build ba b a
for s in a b; do
	t=alone-$s/$DATE/dia-es.txt
	[ -s "$t" ] || die "$t missing"
	for run in ab ba; do
		cmp -s "$t" "$run/radio-$s/$DATE/dia-es.txt" || {
			diff "$t" "$run/radio-$s/$DATE/dia-es.txt"
			die "radio-$s built with the other station ($run) differs from radio-$s alone"
		}
	done
done
# What each says is its own (so the comparison above can fail).
grep -q "Gana el equipo local" alone-a/$DATE/dia-es.txt || die "radio-a: its category map was not used"
grep -q "Mercado Nery\." alone-a/$DATE/dia-es.txt || die "radio-a: $(cat alone-a/$DATE/dia-es.txt)"
grep -q "equipo local" alone-b/$DATE/dia-es.txt && die "radio-b aired an item only radio-a maps"
grep -q "Mercado Neri de los ríos\." alone-b/$DATE/dia-es.txt || die "radio-b: its lexicon was not used"

# Five stations in one run, each with a folder of its own: c and e
# respell Nery their way, d's local catalogue names Deportes under a
# network (as a's map does); none is dropped, none leaks.
for s in c d e; do station $s; mkdir -p $s/voices/es; done
echo 'Nery = Neri Ce' >c/voices/es/lexicon.txt
echo 'Nery = Neri De' >d/voices/es/lexicon.txt
echo 'Nery = Neri E' >e/voices/es/lexicon.txt
cat >d/voices/catalog.xml <<'X'
<catalog>
  <network id="informacion"><name xml:lang="es">sistemas de información</name><name xml:lang="qu">willakuy</name><category>deportes</category></network>
</catalog>
X
build five a b c d e
want() {	# want STATION MARKET-WORDS AIRS(0/1)
	local t=five/radio-$1/$DATE/dia-es.txt
	grep -q "^Mercado $2\.$" "$t" || { cat "$t"; die "radio-$1 of five: not 'Mercado $2.'"; }
	grep -q "equipo local" "$t"
	[ $? -eq $((1 - $3)) ] || die "radio-$1 of five: the Deportes item aired: $((1 - $3))"
}
want a Nery 1
want b "Neri de los ríos" 0
want c "Neri Ce" 0
want d "Neri De" 1
want e "Neri E" 0

# Recordings are a station's own (issue 24): radio-f keeps a take of
# "mercado" beside its file (made without its low end, as kit.sh's, so
# that band.py finds it), radio-a has none. Built together, in either
# order, f's "Mercado Nery." has the take spliced and a's is the voice
# alone; and a built after f with f's segment cache takes nothing of f's:
# the segment key holds the recordings.
station f
mkdir -p f/voices/es/prompts
printf 'mercado.wav: mercado\n' >f/voices/es/prompts/index.txt
espeak-ng -v es-419 -s 80 -p 56 -w "$TMP/t.wav" "mercado," &&
    sox -q "$TMP/t.wav" f/voices/es/prompts/mercado.wav sinc 400 || die "making f's take"
band() {	# band SEGMENT.mp3: the share of its voiced frames from a take
	ffmpeg -v error -i "$1" -ac 1 -ar 4000 -f s16le - | python3 "$TOP/tests/e2e/band.py" 0.005 | cut -d' ' -f1
}
for run in af fa; do
	case $run in af) set -- a f ;; *) set -- f a ;; esac
	"$WK" build -v -c "$1/$1.xml" -c "$2/$2.xml" -d "$DATE" -o "$run" dia.xml >"$TMP/out.txt" 2>"$TMP/err.txt"
	[ $? -le 1 ] || { cat "$TMP/err.txt"; die "build $run failed"; }
	n=$(grep -c "note: recorded prompt .* spliced in" "$TMP/err.txt")
	[ "$n" -ge 1 ] && [ "$n" = "$(grep -c "f/voices/es/prompts/index.txt:1:1: note: recorded prompt .*mercado.wav spliced in" "$TMP/err.txt")" ] ||
	    die "$run: $n recordings spliced, not all f's: $(grep 'spliced in' "$TMP/err.txt")"
	fs=$(band "$run/radio-f/$DATE/dia-es/02-mercado.mp3") as=$(band "$run/radio-a/$DATE/dia-es/02-mercado.mp3")
	awk -v f="$fs" -v a="$as" 'BEGIN { exit !(f >= 0.3 && a <= 0.05) }' ||
	    die "$run: the take in $fs of f's voiced frames and $as of a's"
done
# An output folder is one station's; its cache, copied, serves another.
"$WK" build -q -c f/f.xml -d "$DATE" -o one dia.xml >"$TMP/out.txt" 2>"$TMP/err.txt"
[ $? -le 1 ] || { cat "$TMP/err.txt"; die "build f failed"; }
mkdir two && cp -r one/.cache two/ || die "copying the cache"
"$WK" build -v -c a/a.xml -d "$DATE" -o two dia.xml >"$TMP/out.txt" 2>"$TMP/err.txt"
[ $? -le 1 ] || { cat "$TMP/err.txt"; die "build a after f failed"; }
grep -q "calibration taken from the cache" "$TMP/err.txt" || die "a did not read f's cache: the test would show nothing"
as=$(band "two/$DATE/dia-es/02-mercado.mp3")
awk -v a="$as" 'BEGIN { exit !(a <= 0.05) }' || die "a after f, with f's cache: $as of its frames from f's take"
echo "recordings: f's take in $fs of its frames, a's $as, together and after f with its cache"

# check -c reads the station's map, as build -c does.
expect_rc 0 "$WK" check -c b/b.xml -d "$DATE" "feeds/rss-$DATE.xml"
grep_err "warning: category 'Deportes' is no network's"
expect_rc 0 "$WK" check -c a/a.xml -d "$DATE" "feeds/rss-$DATE.xml"
grep -q "Deportes" "$TMP/err.txt" && die "check -c a: radio-a's map not read: $(cat "$TMP/err.txt")"

# A news feed with Cusco (quz), Ayacucho (quy) and Peruvian Spanish
# items: quy is the qu voice's, es-PE the es voice's, quz no one's.
cat >"feeds/qu-$DATE.xml" <<'X'
<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="es"><title>Red</title>
<entry xml:lang="quz"><title>Qusqupi hatun raymi</title><summary>Kunan p'unchaymi.</summary><updated>2026-11-28T08:00:00Z</updated></entry>
<entry xml:lang="quy"><title>Wamangapi tantanakuy</title><summary>Runakuna huñunakunku.</summary><updated>2026-11-28T08:00:00Z</updated></entry>
<entry xml:lang="es-PE"><title>Feria en Huanta</title><summary>Retablos en la plaza.</summary><updated>2026-11-28T08:00:00Z</updated></entry>
</feed>
X
cat >qu.xml <<'X'
<bulletin id="qu" languages="es qu">
  <segment id="red"><news feed="qu-{date}.xml" max="5" untranslated="announce"/></segment>
</bulletin>
X
"$WK" build -v -c a/a.xml -d "$DATE" -o quz1 qu.xml >"$TMP/out.txt" 2>"$TMP/err.txt" ||
    { cat "$TMP/err.txt"; die "build of the quz feed failed"; }
q=quz1/$DATE/qu-qu.txt e=quz1/$DATE/qu-es.txt
grep -q "Qusqu" "$q" "$e" && die "a quz item was read without a quz voice: $(cat "$q")"
grep -q "^Wamangapi tantanakuy$" "$q" || die "the quy item is not the qu bulletin's own: $(cat "$q")"
grep -q "^Feria en Huanta$" "$e" || die "the es-PE item is not the es bulletin's own: $(cat "$e")"
grep -q "^\[qu\] Wamangapi tantanakuy$" "$e" || die "the quy item was not announced in es: $(cat "$e")"
grep -q "^\[es\] Feria en Huanta$" "$q" || die "the es-PE item was not announced in qu: $(cat "$q")"
grep_err "no voice of the station reads news item '.*' \(language 'quz'\); left out"
# check: the quz text is no Chanka to spell-check.
expect_rc 0 "$WK" check -c a/a.xml -d "$DATE" "feeds/qu-$DATE.xml"
grep -q "Chanka" "$TMP/err.txt" && die "check read quz text as Chanka: $(cat "$TMP/err.txt")"

# With a quz voice (a data folder of the test's own, as languages.sh
# makes one), the item goes to the quz bulletin and is announced in qu.
data=$TMP/data
mkdir -p "$data/voices/quz"
for f in bulletins voices/catalog.xml voices/es voices/qu; do ln -s "$TOP/$f" "$data/$f"; done
cp "$TOP/voices/qu/lexicon.txt" "$data/voices/quz/"
sed -e 's/<voice lang="qu" [^>]*espeak=/<voice lang="quz" iso639-2="quz" fallback="qu" name="Runasimi (Qusqu-Qullaw)" espeak=/' \
    "$TOP/voices/qu/voice.xml" >"$data/voices/quz/voice.xml"
sed 's/languages="es qu"/languages="es qu quz"/' qu.xml >qu3.xml
WILLAKUY_DATA=$data "$WK" build -q -c a/a.xml -d "$DATE" -o quz2 qu3.xml \
    >"$TMP/out.txt" 2>"$TMP/err.txt" || { cat "$TMP/err.txt"; die "build with a quz voice failed"; }
z=quz2/$DATE/qu-quz.txt q=quz2/$DATE/qu-qu.txt
grep -q "^Qusqupi hatun raymi$" "$z" || die "the quz item is not the quz bulletin's own: $(cat "$z")"
grep -q "^\[quz\] Qusqupi hatun raymi$" "$q" || die "the quz item was not announced in qu: $(cat "$q")"
grep -q "^Qusqupi" "$q" && die "the quz item was read as Chanka"
# Announced as what it is: Cusco Quechua, never "Spanish" or plain "Quechua".
grep -B1 "^\[quz\] Qusqupi hatun raymi$" "$q" | grep -q "^Kay willakuyqa Qusqu runasimipim\.$" ||
    die "the quz item is not announced as Cusco Quechua in qu: $(cat "$q")"
grep -B1 "^\[quz\] Qusqupi hatun raymi$" "quz2/$DATE/qu-es.txt" |
    grep -q "^La siguiente noticia se lee en quechua del Cusco\.$" ||
    die "the quz item is not announced as Cusco Quechua in es: $(cat "quz2/$DATE/qu-es.txt")"
echo "stations: two stations alike in both orders and alone, five keep their own folders, recordings their own, check -c, quz never Chanka"
