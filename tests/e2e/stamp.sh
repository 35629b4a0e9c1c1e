# A rebuild with nothing changed publishes nothing again (each file keeps
# its inode and change time, -v says why), yet the day's report, latest/
# and its manifest stay whole; a published file removed, rewritten in
# place or replaced by a link, or latest/'s copy removed, has its
# bulletin-language published again, whole and right, and only it; a
# changed price publishes again only the bulletin that says it. The check
# and the stamp run clean under valgrind.
. "$(dirname "$0")/lib.sh"
cd "$TMP"
O=out D=out/$DATE
feed() {	# feed PRICE-OF-B
	cat >precios-$DATE.xml <<X
<?xml version="1.0" encoding="UTF-8"?>
<prices date="$DATE" currency="PEN" source="prueba">
  <market id="mercado-a" name="Mercado Uno" town="Huanta">
    <price product="papa-amarilla" unit="kg" value="2.50" previous="2.40"/>
  </market>
  <market id="mercado-b" name="Mercado Dos" town="Tambo">
    <price product="quinua" unit="kg" value="$1" previous="7.00"/>
  </market>
</prices>
X
}
feed 7.20
for b in a b; do
	cat >$b.xml <<X
<bulletin id="$b" languages="es">
  <title xml:lang="es">Boletín $b</title>
  <segment id="saludo"><say xml:lang="es">Buenos días.</say></segment>
  <segment id="precios"><prices feed="precios-{date}.xml" market="mercado-$b"/></segment>
</bulletin>
X
done
printf '<station id="s" name="Radio Prueba"><feeds dir="."/></station>\n' >st.xml
# The station's own markets, in its own catalogue (check and build both
# refuse a market the catalogue does not know).
mkdir voices
cat >voices/catalog.xml <<'X'
<catalog>
  <market id="mercado-a" town="Huanta"><name xml:lang="es">Mercado Uno</name><name xml:lang="qu">Huk qatu</name></market>
  <market id="mercado-b" town="Tambo"><name xml:lang="es">Mercado Dos</name><name xml:lang="qu">Iskay qatu</name></market>
</catalog>
X
run() { "$WK" build -v -c st.xml -d $DATE -o $O a.xml b.xml; }
# ident NAME: inode and change time of each of NAME's files, and latest/'s.
ident() {
	stat -c '%n %i %z' $D/$1-es.* $D/$1-es/* $O/latest/$1-es.mp3 | grep -v '\.stamp '
}
# republished NAME: the last run published NAME again (and said nothing of
# it being unchanged); kept NAME: it did not.
republished() {
	[ "$(ident "$1")" != "$(cat "$1.id")" ] || die "$1 was not published again"
	grep -q "$1-es: unchanged" "$TMP/err.txt" && die "$1 said unchanged"
	ident "$1" >"$1.id"
}
kept() {
	[ "$(ident "$1")" = "$(cat "$1.id")" ] || die "$1 was published again: $(ident "$1")"
	grep -q "$1-es: unchanged since it was published" "$TMP/err.txt" || die "no note for $1"
}
whole() {	# whole NAME: its files decode, latest/ has them, the report lists it
	mpg123 -q -t $D/$1-es.mp3 2>/dev/null || die "$1-es.mp3 does not decode"
	for f in $D/$1-es/*.mp3; do mpg123 -q -t "$f" 2>/dev/null || die "$f does not decode"; done
	[ "$(stat -c %i $D/$1-es.mp3)" = "$(stat -c %i $O/latest/$1-es.mp3)" ] ||
	    die "latest/$1-es.mp3 is not the day's"
	grep -q "^$1-es	$DATE	built	" $O/latest/.willakuy-latest || die "manifest lacks $1"
	grep -q "Boletín $1" $D/report.html || die "the report lacks $1"
	[ "$(grep -c . $D/$1-es.m3u)" = 5 ] || die "$1-es.m3u: $(cat $D/$1-es.m3u)"
}

expect_rc 0 run
for b in a b; do ident $b >$b.id; whole $b; done
cp $D/a-es.mp3 a1.mp3
cp $D/a-es.txt a1.txt

# Nothing changed: nothing published, everything still whole.
sleep 0.05
expect_rc 0 run
kept a; kept b; whole a; whole b
[ -z "$(find $O -newer a1.mp3 -name '*.mp3')" ] || die "an MP3 was written again"

# A date folder others may write is not trusted: everything is published
# again while it is, and skipped again once it is not.
chmod g+w $D
expect_rc 0 run
republished a; republished b; whole a; whole b
chmod g-w $D
expect_rc 0 run
kept a; kept b

# A segment file removed: a is published again, the same as before.
rm $D/a-es/02-precios.mp3
expect_rc 0 run
republished a; kept b; whole a
cmp -s a1.mp3 $D/a-es.mp3 || die "a, published again, differs"

# Rewritten in place, same size: published again.
printf 'XXXX' | dd of=$D/a-es.mp3 bs=1 seek=4000 conv=notrunc 2>/dev/null
expect_rc 0 run
republished a; kept b; whole a
cmp -s a1.mp3 $D/a-es.mp3 || die "a rewritten in place was not mended"

# The transcript replaced by a link: never followed, replaced.
echo decoy >decoy
rm $D/a-es.txt; ln -s "$TMP/decoy" $D/a-es.txt
expect_rc 0 run
republished a; kept b; whole a
[ ! -L $D/a-es.txt ] && cmp -s a1.txt $D/a-es.txt || die "the linked transcript stays"
[ "$(cat decoy)" = decoy ] || die "the link was followed"

# latest/'s file removed: published again, latest/ whole.
rm $O/latest/b-es.mp3
expect_rc 0 run
kept a; republished b; whole b

# A forged stamp (another bulletin's) is not believed.
cp $D/.b-es.stamp $D/.a-es.stamp
expect_rc 0 run
republished a; kept b; whole a

# b's price changes: only b is published again, and says it.
feed 7.90
expect_rc 0 run
kept a; republished b; whole b
grep -q "siete.*noventa\|7[.,]90" $D/b-es.txt || die "b's new price: $(cat $D/b-es.txt)"

# Two bulletins of one run with the same id would publish the same files
# (and, with stamps, alternate between runs): the second is refused, the
# first is built, and again the next run.
sed 's/Buenos días/Buenas tardes/' a.xml >a2.xml
for k in 1 2; do
	"$WK" build -q -c st.xml -d $DATE -o "$TMP/dup" a.xml a2.xml 2>"$TMP/err.txt"
	[ $? = 3 ] || die "a duplicate id: exit not 3"
	grep_err "a2.xml:1:1: error: bulletin id 'a' is also the id of a.xml"
	grep -q "Buenos días" "$TMP/dup/$DATE/a-es.txt" || die "run $k: the second bulletin with id a was published"
done

# Under valgrind: a bulletin published again (stamp checked, written), then
# both skipped.
vg() {
	valgrind -q --error-exitcode=99 --leak-check=full --show-leak-kinds=definite,indirect \
	    --errors-for-leak-kinds=definite,indirect --suppressions="$TOP/tests/valgrind.supp" \
	    "$WK" build -v -c st.xml -d $DATE -o $O a.xml b.xml 2>"$TMP/err.txt" ||
	    { cat "$TMP/err.txt"; die "valgrind: exit $?"; }
}
rm $D/a-es.m3u
vg
republished a; kept b; whole a
vg
kept a; kept b
