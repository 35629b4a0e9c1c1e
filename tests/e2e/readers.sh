# Readers are bounded, linear and never hang: FIFOs as feed, clip,
# bulletin or station are refused at once; clips with absurd rates or a
# truncated header are bad clips; an element with a million attributes is
# refused quickly; a UTF-16 feed is read, and its error excerpts show the
# right line; files that are not XML are never quoted in messages; reading
# ten times more news takes about ten times longer.
. "$(dirname "$0")/lib.sh"
cd "$TMP"
ST="$TOP/examples/station.xml"
t0() { date +%s%N; }
ms() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }

# FIFOs: refused with a message, well within the timeout.
mkfifo fifo.xml fifo.wav
for f in fifo.xml; do
	start=$(t0)
	expect_rc 3 timeout 10 "$WK" check "$f"
	grep_err "fifo.xml: error: not a regular file"
done
expect_rc 3 timeout 10 "$WK" build -q -c fifo.xml -d "$DATE" -o out "$TOP/bulletins/precios-manana.xml"
grep_err "fifo.xml: error: not a regular file"
expect_rc 3 timeout 10 "$WK" build -q -c "$ST" -d "$DATE" -o out fifo.xml
grep_err "fifo.xml: error: not a regular file"

# Clips: a FIFO, 1 Hz, 2 GHz, a truncated Ogg: bad clips, not out of memory.
python3 - <<'PY'
import struct
d = b'\0\0' * 100
def wav(name, rate):
    fmt = struct.pack('<IHHIIHH', 16, 1, 1, rate, (rate * 2) & 0xffffffff, 2, 16)
    open(name, 'wb').write(b'RIFF' + struct.pack('<I', 36 + len(d)) + b'WAVEfmt ' + fmt + b'data' + struct.pack('<I', len(d)) + d)
wav('r1.wav', 1)
wav('r2g.wav', 2000000000)
PY
sox -n -r 44100 -c 1 s.ogg synth 20 sine 440 && head -c 6000 s.ogg >trunc.ogg
for c in fifo.wav r1.wav r2g.wav trunc.ogg; do
	cat >"b-$c.xml" <<X
<bulletin id="clip" languages="es"><segment id="a"><clip src="$c"/><say xml:lang="es">Hola.</say></segment></bulletin>
X
	expect_rc 3 timeout 10 "$WK" check "b-$c.xml"
	grep_err "clip .*$c: the clip('s| is)"
	grep -q "out of memory\|minutes" "$TMP/err.txt" && die "$c: $(cat "$TMP/err.txt")"
done

# A million attributes: refused in well under a second of parsing.
python3 -c "
open('attrs.xml','w').write('<prices date=\"2026-11-29\"><market ' + ' '.join('a%d=\"1\"' % i for i in range(1000000)) + '/></prices>')"
start=$(t0)
expect_rc 3 "$WK" check attrs.xml
grep_err "attrs.xml:1:[0-9]+: error: an element has more than 64 attributes"
[ "$(ms "$start")" -lt 5000 ] || die "a million attributes took $(ms "$start") ms"

# A UTF-16 price feed is read; a mistake in it is shown on its own line.
python3 - "$TOP/examples/feeds/precios-$DATE.xml" <<'PY'
import sys
s = open(sys.argv[1], encoding='utf-8').read().replace('encoding="UTF-8"', 'encoding="UTF-16"')
open('u16.xml', 'wb').write(s.encode('utf-16'))
bad = s.replace('value="2.50" previous="2.30"', 'value="dos" previous="2.30"')
open('u16bad.xml', 'wb').write(bad.encode('utf-16'))
line = [i + 1 for i, l in enumerate(bad.split('\n')) if 'value="dos"' in l][0]
open('badline', 'w').write(str(line))
PY
expect_rc 0 "$WK" check u16.xml
expect_rc 3 "$WK" check u16bad.xml
grep_err "u16bad.xml:$(cat badline):[0-9]+: error: value=\"dos\""
grep -q '<price product="papa-amarilla" unit="kg" value="dos"' "$TMP/err.txt" || die "the excerpt of a UTF-16 file is not its line"
mkdir feeds
cp u16.xml "feeds/precios-$DATE.xml"
sed "s|<feeds dir=\"feeds\"/>|<feeds dir=\"$TMP/feeds\"/>|" "$ST" >st.xml
expect_rc 0 "$WK" preview -q -c st.xml -d "$DATE" -l es "$TOP/bulletins/precios-manana.xml"
grep -q "papa amarilla, dos soles con cincuenta" "$TMP/out.txt" || die "the UTF-16 feed was not read"

# A file that is not XML is never quoted: its secret stays out of the mail.
printf 'root:$6$SECRETHASH:19000:0:99999:7:::\n' >shadow
cat >leak.xml <<X
<bulletin id="leak" languages="es"><segment id="a"><prices feed="$TMP/shadow" market="nery-garcia"/></segment></bulletin>
X
"$WK" preview -c "$ST" -d "$DATE" -l es leak.xml >"$TMP/out.txt" 2>"$TMP/err.txt"
grep -q SECRETHASH "$TMP/out.txt" "$TMP/err.txt" && die "a non-XML file was quoted: $(cat "$TMP/err.txt")"
grep -q "shadow" "$TMP/err.txt" || die "no message about the bad feed"

# An XML feed outside the station's folders is not quoted either; one
# inside is.
mkdir outside
sed 's/value="2.50" previous="2.30"/value="SECRET" previous="2.30"/' "$TOP/examples/feeds/precios-$DATE.xml" >outside/p.xml
cp outside/p.xml "feeds/p.xml"
for where in "$TMP/outside/p.xml" "p.xml"; do
	cat >q.xml <<X
<bulletin id="q" languages="es"><segment id="a"><prices feed="$where" market="nery-garcia"/></segment></bulletin>
X
	"$WK" preview -c st.xml -d "$DATE" -l es q.xml >"$TMP/out.txt" 2>"$TMP/err.txt"
	grep -q '| *<price product="papa-amarilla"' "$TMP/err.txt"; quoted=$?
	grep -q "p.xml:[0-9]*:[0-9]*: error: .*SECRET" "$TMP/err.txt" || { cat "$TMP/err.txt"; die "no message about $where"; }
	case $where in
	/*) [ $quoted -ne 0 ] || die "a feed outside the station's folders was quoted" ;;
	*) [ $quoted -eq 0 ] || die "a feed in the station's folder was not quoted" ;;
	esac
done

# Linear: ten times the news, about ten times the time (not a hundred).
python3 "$TOP/bench/feeds.py" news 2000 n1.xml
python3 "$TOP/bench/feeds.py" news 20000 n10.xml
start=$(t0); "$WK" check n1.xml >/dev/null 2>&1; a=$(ms "$start")
start=$(t0); "$WK" check n10.xml >/dev/null 2>&1; b=$(ms "$start")
[ "$b" -lt $(( 30 * (a + 50) )) ] || die "news: 2000 items $a ms, 20000 items $b ms: not linear"
echo "readers: FIFOs and bad clips refused, attributes capped, UTF-16 read with its lines, no quoting of non-XML, news x10 in ${a}->${b} ms"
