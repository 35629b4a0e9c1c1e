# Messages an editor and cron can trust: every problem of a file in one run
# and in the order of its lines, "did you mean" for elements, attributes,
# values, units and commands with the caret under the attribute, the right
# advice for a lost closing quote, every libxml2 message family in Spanish
# with no English left, preview in the operator's language, values from a
# feed that cannot add a line to stderr or cron's summary, and a one-line
# feed of 300 000 unknown products checked in seconds with 50 messages.
. "$(dirname "$0")/lib.sh"
cd "$TOP"
es() { env -u LC_ALL -u LANGUAGE LANG=es_PE.UTF-8 "$@"; }

# positions FILE: the line:col of each diagnostic about FILE, in order.
positions() {
	grep -o "^willakuy: [^ ]*$1:[0-9]*:[0-9]*: " "$TMP/err.txt" |
	    sed "s/.*$1:\([0-9]*:[0-9]*\): /\1/"
}

# caret_at LINE COL: the caret under the diagnostic at LINE:COL stands
# under byte COL of the quoted line (a line short enough to be whole).
caret_at() {
	awk -v want="$1:$2:" -v col="$2" '
	    index($0, want) && /^willakuy:/ { getline src; getline car;
		if (substr(src, 1, 9) !~ /^ *[0-9]+ \| $/) exit 2;
		if (index(car, "^") != 9 + col) exit 1; found = 1; exit 0 }
	    END { exit !found }' "$TMP/err.txt" ||
	    { cat "$TMP/err.txt" >&2; die "no caret under column $2 of line $1"; }
}

# 1. Five unrelated mistakes in a bulletin: all five, in file order.
cat >"$TMP/b5.xml" <<'X'
<?xml version="1.0" encoding="UTF-8"?>
<bulletin id="prueba" languages="es qu">
  <title xml:lang="es">Prueba</title>
  <segment id="uno">
    <say xml:lang="es">Hola.</say>
    <pause ms="abc"/>
  </segment>
  <segment id="dos">
    <prices feed="precios-{date}.xml" markte="nery-garcia"/>
  </segment>
  <segment id="tres">
    <sya xml:lang="es">Hola.</sya>
  </segment>
  <segment id="cuatro" speach="optional">
    <say xml:lang="es">Chau.</say>
  </segment>
  <segment id="cinco">
    <news feed="noticias.xml" untranslated="anounce"/>
  </segment>
</bulletin>
X
expect_rc 3 "$WK" check -d "$DATE" "$TMP/b5.xml"
[ "$(positions b5.xml | tr '\n' ' ')" = "6:16 9:47 12:5 14:32 18:45 " ] ||
    { cat "$TMP/err.txt" >&2; die "the bulletin's five mistakes, in order"; }
grep_err "b5.xml:6:16: error: ms=\"abc\" must be a whole number"
grep_err "b5.xml:9:47: error: <prices> has no attribute 'markte'; did you mean 'market'\?"
grep_err "b5.xml:12:5: error: <sya> is not an element of <segment>; did you mean <say>\?"
grep_err "b5.xml:14:32: error: <segment> has no attribute 'speach'; did you mean 'speech'\?"
grep_err "b5.xml:18:45: error: untranslated=\"anounce\": did you mean \"announce\"\?"
# The caret under the attribute's value, not under the element.
caret_at 9 47
caret_at 14 32
# A catalogue mistake is not hidden by the others either.
sed 's|markte="nery-garcia"/>|markte="x"/><prices feed="p.xml" market="santa-klara" products="papa-amarila cuy"/>|' \
    "$TMP/b5.xml" >"$TMP/b7.xml"
expect_rc 3 "$WK" check -d "$DATE" "$TMP/b7.xml"
[ "$(positions b7.xml | tr '\n' ' ')" = "6:16 9:47 9:80 9:103 12:5 14:32 18:45 " ] ||
    { cat "$TMP/err.txt" >&2; die "the bulletin's seven mistakes, in order"; }
grep_err "b7.xml:9:80: error: unknown market 'santa-klara'; did you mean 'santa-clara'\?"
grep_err "b7.xml:9:103: error: unknown product 'papa-amarila'; did you mean 'papa-amarilla'\?"
es "$WK" check -d "$DATE" "$TMP/b5.xml" 2>"$TMP/err.txt"
grep_err "<prices> no tiene el atributo 'markte'; ¿quiso decir 'market'\?"
grep_err "<sya> no es un elemento de <segment>; ¿quiso decir <say>\?"

# 2. Five in a price feed, schema and catalogue alike, and a unit written
# as it is spoken (kilo): all in one run, in file order.
cat >"$TMP/p5.xml" <<'X'
<?xml version="1.0" encoding="UTF-8"?>
<prices date="2026-11-29" currency="PEN">
  <market id="nery-garcia" name="Mercado Nery García Zárate" town="Huamanga">
    <price product="papa-amarila" unit="kg" value="2.50"/>
    <price product="cuy" unit="kilo" value="25.00"/>
    <prise product="oca" unit="kg" value="1.80"/>
    <price product="olluco" unit="kg" value="2,40"/>
    <price product="quinua" unit="kg" value="8.50" previus="9.00"/>
    <price product="tarwi" unit="kg" value="9.00"/>
  </market>
</prices>
X
expect_rc 3 "$WK" check -d "$DATE" "$TMP/p5.xml"
[ "$(positions p5.xml | cut -d: -f1 | tr '\n' ' ')" = "4 5 6 7 8 " ] ||
    { cat "$TMP/err.txt" >&2; die "the feed's five mistakes, in order"; }
grep_err "p5.xml:4:21: error: unknown product 'papa-amarila'; did you mean 'papa-amarilla'\?"
grep_err "p5.xml:5:32: error: unknown unit 'kilo'; did you mean 'kg'\?"
grep_err "p5.xml:6:5: error: unexpected <prise> in <market>; did you mean <price>\?"
grep_err "p5.xml:7:[0-9]+: error: value=\"2,40\" is not a price"
grep_err "p5.xml:8:[0-9]+: error: <price> has no attribute 'previus'; did you mean 'previous'\?"
caret_at 5 32
# A misspelt attribute of <prices> itself is named with what was meant,
# and the prices after it are still read and checked.
printf '<?xml version="1.0" encoding="UTF-8"?>\n<prices date="2026-11-29" curency="PEN">\n  <market id="nery-garcia" name="M">\n    <price product="cuy" unit="unidad" value="2,50"/>\n  </market>\n</prices>\n' >"$TMP/r1.xml"
expect_rc 3 "$WK" check "$TMP/r1.xml"
grep_err "r1.xml:2:36: error: <prices> has no attribute 'curency'; did you mean 'currency'\?"
grep_err "r1.xml:4:[0-9]+: error: value=\"2,50\" is not a price"

# 3. A lost closing quote: the advice is about the quote, at the value
# that lost it, whatever libxml2 tripped over later (it said "write &lt;").
printf '<?xml version="1.0" encoding="UTF-8"?>\n<prices date="2026-11-29">\n  <market id="nery-garcia" name="M">\n    <price product="papa-amarilla" unit="kg" value="2.50/>\n    <price product="cuy" unit="unidad" value="25.00"/>\n  </market>\n</prices>\n' >"$TMP/q1.xml"
expect_rc 3 "$WK" check "$TMP/q1.xml"
grep_err "q1.xml:4:52: error: not well-formed XML: the value of value= opened here has no closing quote, so it runs on to line 5"
grep -q "&lt;" "$TMP/err.txt" && die "a lost quote is advised as an unescaped '<'"
caret_at 4 52
printf '<prices date="2026-11-29">\n  <market id="m" name="M">\n    <price product="papa-amarilla unit="kg" value="2.50"/>\n  </market>\n</prices>\n' >"$TMP/q3.xml"
es "$WK" check "$TMP/q3.xml" 2>"$TMP/err.txt"
grep_err "q3.xml:3:20: error: XML mal formado: al valor de product= le falta la comilla de cierre, por eso se traga unit="

# 4. A command misspelt.
expect_rc 2 "$WK" buidl
grep_err "unknown command 'buidl'; did you mean build\?"
es "$WK" chek 2>"$TMP/err.txt"
grep_err "comando desconocido 'chek'; ¿quiso decir check\?"

# 5. Every family of libxml2 message a hand-edited feed or bulletin can
# raise, in Spanish, with no English sentence and not the catch-all.
mkdir -p "$TMP/fam"
python3 - "$TMP/fam" <<'X'
import sys, os
H = '<?xml version="1.0" encoding="UTF-8"?>\n'
P = '<prices date="2026-11-29">'
M = '<market id="nery-garcia" name="M"><price product="cuy" unit="kg" value="1"/></market>'
S = '<segment id="a"><say xml:lang="es">Hola.</say></segment>'
B = '<bulletin id="b" languages="es">'
cases = {
 'blank': '   \n', 'text': 'hola\n', 'extra': H+P+M+'</prices>\n<otro/>\n',
 'mismatch': H+P+'<market id="m" name="M">\n</prices>\n',
 'premature': H+P+'<market id="m" name="M">\n',
 'gt': H+'<prices date="2026-11-29"\n<market/></prices>\n',
 'elemname': H+P+'<1market/></prices>\n', 'elemspace': H+P+'< market/></prices>\n',
 'attrname': H+'<prices date="2026-11-29" ="x">'+M+'</prices>\n',
 'construct': H+'<prices date="2026-11-29"source="x">'+M+'</prices>\n',
 'novalue': H+'<prices date>'+M+'</prices>\n',
 'unquoted': H+'<prices date=2026-11-29>'+M+'</prices>\n',
 'ltattr': H+'<prices date="2026-11-29" source="a<b">'+M+'</prices>\n',
 'redefined': H+P+'<market id="nery-garcia" name="M"><price product="cuy" unit="kg" value="1" previous="2" previous="3"/></market></prices>\n',
 'lone_amp': H+'<prices date="2026-11-29" source="A & B">'+M+'</prices>\n',
 'semicolon': H+'<prices date="2026-11-29" source="A &amp B">'+M+'</prices>\n',
 'entity': H+'<prices date="2026-11-29" source="A&nbsp;B">'+M+'</prices>\n',
 'charref': H+'<prices date="2026-11-29" source="&#xZZ;">'+M+'</prices>\n',
 'charref_bad': H+'<prices date="2026-11-29" source="&#1;">'+M+'</prices>\n',
 'charref_big': H+'<prices date="2026-11-29" source="&#99999999;">'+M+'</prices>\n',
 'ctl_text': H+P+M+'\x01</prices>\n',
 'ctl_attr': H+'<prices date="2026-11-29" source="a\x01b">'+M+'</prices>\n',
 'cdata_end': H+P+M+' ]]> </prices>\n', 'cdata_open': H+P+M+'<![CDATA[ x </prices>\n',
 'comment_open': H+P+M+'<!-- x </prices>\n', 'comment_dash': H+P+'<!-- a -- b -->'+M+'</prices>\n',
 'pi_noname': H+P+'<? x?>'+M+'</prices>\n', 'pi_open': H+P+'<?pi x '+M+'</prices>\n',
 'decl_late': '\n'+H+P+M+'</prices>\n',
 'decl_nover': '<?xml encoding="UTF-8"?>\n'+P+M+'</prices>\n',
 'decl_standalone': '<?xml version="1.0" standalone="maybe"?>\n'+P+M+'</prices>\n',
 'decl_extra': '<?xml version="1.0" foo="x"?>\n'+P+M+'</prices>\n',
 'decl_enc': '<?xml version="1.0" encoding=""?>\n'+P+M+'</prices>\n',
 'decl_unquoted': '<?xml version=1.0?>\n'+P+M+'</prices>\n',
 'ns_elem': H+P+'<x:market id="m" name="M"/></prices>\n',
 'ns_attr': H+'<prices date="2026-11-29" x:source="a">'+M+'</prices>\n',
 'ns_empty': H+'<prices xmlns:x="" date="2026-11-29">'+M+'</prices>\n',
 'ns_xml': H+'<prices xmlns:xml="urn:x" date="2026-11-29">'+M+'</prices>\n',
 'ns_qname': H+P+'<a:b:c/></prices>\n',
 'deep': H+P+'<a>'*300+'</a>'*300+'</prices>\n',
 'doctype': H+'<!DOCTYPE prices>\n'+P+M+'</prices>\n',
 'longname': H+P+'<'+'m'*60000+'/></prices>\n',
 'endtag_empty': H+P+M+'</>\n',
 'b_title_late': H+B+S+'<title xml:lang="es">T</title></bulletin>\n',
 'b_text': H+B+'<segment id="a">hola<say xml:lang="es">Hola.</say></segment></bulletin>\n',
 'b_bed_late': H+B+'<segment id="a"><say xml:lang="es">Hola.</say><bed src="x.ogg"/></segment></bulletin>\n',
 'b_lang': H+'<bulletin id="b" languages="es 1x">'+S+'</bulletin>\n',
 'b_inner': H+B+'<segment id="a"><say xml:lang="es">Hola <b>x</b>.</say></segment></bulletin>\n',
 's_twice': H+'<station id="s" name="S"><feeds dir="f"/><audio rate="44100"/><audio rate="48000"/></station>\n',
 's_type': H+'<station id="s" name="S"><feeds dir="f"/><pauses item-ms="x"/></station>\n',
}
for k, v in cases.items():
    open(os.path.join(sys.argv[1], k + '.xml'), 'wb').write(v.encode())
open(os.path.join(sys.argv[1], 'latin1.xml'), 'wb').write(
    (H + '<prices date="2026-11-29" source="Garc').encode() + b'\xe1a">' +
    (M + '</prices>\n').encode())
X
# English words that no Spanish message holds, once names, values and
# quoted text are taken out.
english='\b(the|is|not|of|and|with|here|there|must|should|expected|expecting|allowed|found|missing|invalid|attribute|attributes|element|elements|value|values|parsing|document|content|start|end|name|file|line|does|has|holds|only|write|remove|check|unknown|closing|quote|mismatch|redefined|specification|premature|unescaped|opening|extra|did|failed|validate|tag|character|entity|space|comment|declaration|wrong|cannot)\b'
n=0
for f in "$TMP"/fam/*.xml; do
	name=$(basename "$f")
	es "$WK" check -d "$DATE" "$f" >/dev/null 2>"$TMP/err.txt"
	[ $? -eq 3 ] || { cat "$TMP/err.txt" >&2; die "$name: expected exit 3"; }
	grep -q "^willakuy: .*$name.*: error: " "$TMP/err.txt" ||
	    { cat "$TMP/err.txt" >&2; die "$name: no error"; }
	grep -q "el XML está roto aquí\|esto no sigue el formato" "$TMP/err.txt" &&
	    { cat "$TMP/err.txt" >&2; die "$name: a catch-all sentence, not its own"; }
	# Diagnostic lines only (not the quoted source), without their
	# prefix, names, values and quoted text.
	left=$(grep '^willakuy: ' "$TMP/err.txt" | sed -e 's/^willakuy: [^ ]*: [a-z]*: //' \
	    -e "s/'[^']*'//g" -e 's/"[^"]*"//g' -e 's/<[^>]*>//g' -e 's/&[^;]*;//g' \
	    -e 's/[A-Za-z_:.-]*=//g' -e 's/(bytes [^)]*)//g' | grep -iE "$english")
	[ -z "$left" ] || { cat "$TMP/err.txt" >&2; die "$name: English under es_PE: $left"; }
	n=$((n + 1))
done
[ "$n" -ge 50 ] || die "only $n families tried"
# The same files in English say it in English (the check above can fail).
LC_ALL=C.UTF-8 "$WK" check "$TMP/fam/redefined.xml" 2>"$TMP/err.txt"
grep_err "the attribute previous is written twice in this tag"

# 6. preview speaks the operator's language.
cat >"$TMP/pv.xml" <<'X'
<bulletin id="pv" languages="es">
  <segment id="a"><clip src="no-existe.flac"/><pause ms="450"/><say xml:lang="es">Hola.</say></segment>
</bulletin>
X
es "$WK" preview -d "$DATE" "$TMP/pv.xml" >"$TMP/out.txt" 2>"$TMP/err.txt"
grep -q "^   nota: " "$TMP/out.txt" || { cat "$TMP/out.txt"; die "preview: no 'nota:'"; }
grep -q "(pausa de 450 ms)" "$TMP/out.txt" || { cat "$TMP/out.txt"; die "preview: no '(pausa de'"; }
grep -q "note:\|(pause " "$TMP/out.txt" && { cat "$TMP/out.txt"; die "preview: English under es_PE"; }

# 7. A feed cannot forge lines: its values are quoted escaped in check's
# messages, build -q's summary and the source lines shown.
mkdir -p "$TMP/st/feeds"
sed 's|<feeds dir="feeds"/>|<feeds dir="feeds"/>|' examples/station.xml >"$TMP/st/station.xml"
cp examples/feeds/noticias-$DATE.xml "$TMP/st/feeds/"
sed -e 's|id="nery-garcia" name="Mercado Nery García Zárate"|id="mercado-nuevo" name="Mercado\&#10;willakuy: fake error"|' \
    -e 's|value="2.20" previous="2.20"|value="2.20\&#13;\&#10;willakuy: fake value" previous="2.20"|' \
    -e 's|unit="docena"|unit="docena\&#x2028;willakuy: fake unit"|' \
    -e "s|name=\"Mercado Santa Clara\"|name=\"Mercado $(printf '\xc2\x85')Santa $(printf '\xe2\x80\xa8')Clara\"|" \
    examples/feeds/precios-$DATE.xml >"$TMP/st/feeds/precios-$DATE.xml"
grep -q "fake error" "$TMP/st/feeds/precios-$DATE.xml" || die "the forged feed was not made"
"$WK" check -d "$DATE" "$TMP/st/feeds/precios-$DATE.xml" 2>"$TMP/err.txt"
grep_err "Mercado\\\\nwillakuy: fake error"
grep_err "value=\"2.20\\\\r\\\\nwillakuy: fake value\""
grep_err "docena\\\\u2028willakuy: fake unit"
(cd "$TOP" && "$WK" build -q -c "$TMP/st/station.xml" -d "$DATE" -o "$TMP/out" \
    bulletins/precios-manana.xml) 2>"$TMP/build.txt"
cat "$TMP/build.txt" >>"$TMP/err.txt"
grep -q "fake value" "$TMP/build.txt" || { cat "$TMP/build.txt"; die "build -q does not name the bad value"; }
if grep -aq "^willakuy: fake\|^ *willakuy: fake" "$TMP/err.txt"; then
	cat "$TMP/err.txt" >&2
	die "a feed forged a line of willakuy's output"
fi
if grep -aq "$(printf '\xe2\x80\xa8')\|$(printf '\xc2\x85')\|$(printf '\r')" "$TMP/err.txt"; then
	die "a line separator of the feed reached stderr raw"
fi

# 8. One line, 300 000 unknown products: seconds, 50 messages and a count.
python3 - "$TMP/big.xml" <<'X'
import sys
out = ['<?xml version="1.0" encoding="UTF-8"?><prices date="2026-11-29" currency="PEN">'
       '<market id="nery-garcia" name="M">']
out += ['<price product="producto-%d" unit="kg" value="1.50"/>' % i for i in range(300000)]
out.append('</market></prices>\n')
open(sys.argv[1], 'w').write(''.join(out))
X
# The time asked is under 5 s; on a machine shared with other work the
# processor time (user + system) is what tells, the wall clock only stops
# a run that hangs.
start=$(date +%s.%N)
/usr/bin/time -f "%M %U %S" -o "$TMP/time.txt" timeout 60 "$WK" check -d "$DATE" \
    "$TMP/big.xml" 2>"$TMP/err.txt"
rc=$?
wall=$(echo "$(date +%s.%N) - $start" | bc)
read -r rss user sys <<<"$(tail -n 1 "$TMP/time.txt")"
cpu=$(echo "$user + $sys" | bc)
[ "$rc" -eq 3 ] || die "check of the big feed: exit $rc"
within "$cpu" 0 5 || die "check of 300 000 unknown products took $cpu s of processor time (at most 5)"
within "$wall" 0 30 || die "check of 300 000 unknown products took $wall s"
[ "$(grep -c "^willakuy: .*unknown product" "$TMP/err.txt")" -eq 51 ] ||
    die "expected 50 unknown products shown and one count"
grep_err "big.xml: error: and 299 950 more errors like this one, not shown: unknown product 'producto-49'"
[ "$(wc -l <"$TMP/err.txt")" -lt 200 ] || die "too many lines for the big feed"
# 9. build -v and -q count the same way: 2 000 unreadable prices in a feed
# a bulletin reads give 50 messages and one count, not 2 000 lines.
mkdir -p "$TMP/st9/feeds"
cp examples/station.xml "$TMP/st9/"
python3 - "$TMP/st9/feeds/precios-$DATE.xml" <<'X'
import sys
out = ['<prices date="2026-11-29"><market id="nery-garcia" name="M">'
       '<price product="papa-amarilla" unit="kg" value="2.50"/>']
out += ['<price product="p%d" unit="kg" value="x%d"/>' % (i, i) for i in range(2000)]
out.append('</market></prices>\n')
open(sys.argv[1], 'w').write(''.join(out))
X
printf '<bulletin id="corto" languages="es">\n  <segment id="a"><prices feed="precios-{date}.xml" market="nery-garcia" products="papa-amarilla"/></segment>\n</bulletin>\n' >"$TMP/st9/corto.xml"
# (-v lists them as they come, then the summary by cause again.)
for flag in -v -q; do
	"$WK" build $flag -c "$TMP/st9/station.xml" -d "$DATE" -o "$TMP/out9" "$TMP/st9/corto.xml" \
	    >/dev/null 2>"$TMP/err.txt"
	want=51
	[ "$flag" = -v ] && want=102
	[ "$(grep -c "^willakuy: .*is not a price in soles" "$TMP/err.txt")" -eq "$want" ] ||
	    { head -c 3000 "$TMP/err.txt" >&2; die "build $flag: expected 50 unreadable prices and one count"; }
	grep_err "precios-$DATE.xml: error: and 1 950 more errors like this one, not shown: value=\"x49\""
done

echo "messages: 300 000 unknown products checked in ${cpu} s (${wall} s wall), peak RSS $rss KB; $n libxml2 families in Spanish"
