# Languages are data: a third voice made only of files (a Cusco-Collao
# variant of the Quechua voice, tag quz: kinsa, phisqa, -yoq, p'unchay) in
# a data folder of the test's own, and a bulletin in three languages.
# check, preview, verbalize, the ID3 language tags and the report all name
# it, and check compares the figures of all three languages.
. "$(dirname "$0")/lib.sh"
cd "$TMP"
data=$TMP/data
mkdir -p "$data/voices/quz"
ln -s "$TOP/bulletins" "$data/bulletins"
ln -s "$TOP/voices/catalog.xml" "$data/voices/catalog.xml"
ln -s "$TOP/voices/es" "$data/voices/es"
ln -s "$TOP/voices/qu" "$data/voices/qu"
cp "$TOP/voices/qu/lexicon.txt" "$data/voices/quz/"
# Collao spelling has ejectives: no Chanka spelling check; names missing
# in the catalogue are the Chanka ones.
sed -e 's/<voice lang="qu" [^>]*espeak=/<voice lang="quz" iso639-2="quz" fallback="qu" name="Runasimi (Qusqu-Qullaw)" espeak=/' \
    -e 's/>kimsa</>kinsa</; s/>pichqa</>phisqa</' \
    -e 's/suffix-vowel="yuq"/suffix-vowel="yoq"/; s/suffix-consonant="niyuq"/suffix-consonant="niyoq"/' \
    -e "s/punchawpi/p'unchaypi/g" "$TOP/voices/qu/voice.xml" >"$data/voices/quz/voice.xml"
grep -q 'lang="quz" iso639-2="quz"' "$data/voices/quz/voice.xml" || die "quz voice not made"
export WILLAKUY_DATA=$data

# verbalize
printf '13\n5\n' | "$WK" verbalize -l quz >v.txt || die "verbalize -l quz failed"
[ "$(sed -n 1p v.txt)" = "chunka kinsayoq" ] || die "quz 13: $(sed -n 1p v.txt)"
[ "$(sed -n 2p v.txt)" = "phisqa" ] || die "quz 5: $(sed -n 2p v.txt)"

cat >b3.xml <<'X'
<?xml version="1.0" encoding="UTF-8"?>
<bulletin id="lenguas" languages="es qu quz">
  <title xml:lang="es">Tres lenguas</title>
  <title xml:lang="qu">Kimsa simi</title>
  <title xml:lang="quz">Kinsa simi</title>
  <segment id="hoy">
    <say xml:lang="es">Hoy, 13 mercados.</say>
    <say xml:lang="qu">Kunan punchaw, 13 qatu.</say>
    <say xml:lang="quz">Kunan p'unchay, 13 qatu.</say>
  </segment>
</bulletin>
X

# check: the bulletin is clean (no Chanka check on quz), and the figures
# of a news item are compared across all three languages.
expect_rc 0 "$WK" check -d "$DATE" b3.xml
grep -q "Chanka" "$TMP/err.txt" && die "quz text checked for Chanka spelling"
cat >n3.xml <<X
<news date="$DATE">
  <item id="a" network="agro" date="$DATE">
    <headline xml:lang="es">Precio de S/ 2.50.</headline>
    <headline xml:lang="qu">S/ 2.50 chanin.</headline>
    <headline xml:lang="quz">S/ 3.50 chanin.</headline>
  </item>
  <item id="b" network="agro" date="$DATE">
    <headline xml:lang="es">Hoy.</headline>
    <headline xml:lang="qu">Kunan.</headline>
  </item>
</news>
X
expect_rc 0 "$WK" check -d "$DATE" n3.xml
grep_err "n3.xml:5:5: warning: item 'a': the figures of the 'quz' text \(350\) differ from the 'es' ones \(250\)"
grep -q "the figures of the 'qu' text" "$TMP/err.txt" && die "qu figures reported though equal"
grep_err "n3.xml:7:3: warning: item 'b' has no 'quz' text"

# preview
expect_rc 0 "$WK" preview -c "$TOP/examples/station.xml" -d "$DATE" -l quz b3.xml
grep -q "^# lenguas (quz): Kinsa simi" "$TMP/out.txt" || die "preview lacks the quz heading"
grep -q "chunka kinsayoq qatu" "$TMP/out.txt" || die "preview lacks the quz numbers"

# build: ID3 language tags read back by ffprobe, transcripts, report.
expect_rc 0 "$WK" build -c "$TOP/examples/station.xml" -d "$DATE" -o out b3.xml
day=out/$DATE
for l in es:spa qu:que quz:quz; do
	f=$day/lenguas-${l%%:*}.mp3
	[ -s "$f" ] || die "$f missing"
	[ "$(tag "$f" language)" = "${l#*:}" ] || die "$f: language tag '$(tag "$f" language)', not ${l#*:}"
	[ "$(tag "$day/lenguas-${l%%:*}/01-hoy.mp3" language)" = "${l#*:}" ] ||
	    die "segment of ${l%%:*}: wrong language tag"
done
grep -q "chunka kinsayoq" "$day/lenguas-quz.txt" || die "quz transcript: $(cat "$day/lenguas-quz.txt")"
grep -q "chunka kimsayuq" "$day/lenguas-qu.txt" || die "qu transcript: $(cat "$day/lenguas-qu.txt")"
grep -q '(quz, lenguas-quz)' "$day/report.html" || die "the report does not name quz"
grep -q 'src="lenguas-quz/01-hoy.mp3"' "$day/report.html" || die "the report lacks the quz segment"
echo "three languages: ok"
