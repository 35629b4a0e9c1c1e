# Hostile and broken input: each file gets file:line:col: error, a
# non-zero exit and no crash, quickly and in bounded memory. No entity is
# expanded and nothing is fetched.
. "$(dirname "$0")/lib.sh"
cd "$TMP"

python3 - <<'PY'
laughs = '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
for i in range(1, 10):
    laughs += ' <!ENTITY lol%d "%s">\n' % (i, ('&lol%d;' % (i - 1) if i > 1 else '&lol;') * 10)
laughs += ']>\n<prices date="2026-11-29">&lol9;</prices>\n'
files = {
    'laughs.xml': laughs.encode(),
    'xxe.xml': b'<?xml version="1.0"?>\n<!DOCTYPE p [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<prices date="2026-11-29"><market id="m" name="&x;"/></prices>\n',
    'remote.xml': b'<?xml version="1.0"?>\n<!DOCTYPE prices SYSTEM "http://192.0.2.1/p.dtd">\n<prices date="2026-11-29"/>\n',
    'deep.xml': b'<prices date="2026-11-29">' + b'<market>' * 5000 + b'</market>' * 5000 + b'</prices>',
    'hugeattr.xml': b'<prices date="2026-11-29"><market id="m" name="' + b'A' * (12 << 20) + b'"/></prices>',
    'hugetext.xml': b'<bulletin id="b" languages="es"><segment id="s"><say xml:lang="es">' + b'palabra ' * (1 << 20) + b'</say></segment></bulletin>',
    'trunc.xml': b'<?xml version="1.0" encoding="UTF-8"?>\n<prices date="2026-11-29">\n  <market id="m" name="M',
    'garbage.xml': bytes(range(256)) * 40,
    'badutf8.xml': b'<?xml version="1.0" encoding="UTF-8"?>\n<prices date="2026-11-29">\n  <market id="m" name="Caf\xe9 \xff"/>\n</prices>\n',
    'wrongenc.xml': b'<?xml version="1.0" encoding="UTF-16"?>\n<prices date="2026-11-29"/>\n',
    'latin1.xml': b'<?xml version="1.0" encoding="ISO-8859-1"?>\n<prices date="2026-11-29"/>\n',
    'nul.xml': b'<prices date="2026-11-29">\x00</prices>',
    'bignum.xml': b'<prices date="2026-11-29">\n <market id="m" name="M">\n  <price product="cuy" unit="kg" value="1000000000000000000000000000000"/>\n </market>\n</prices>\n',
    'negative.xml': b'<prices date="2026-11-29">\n <market id="m" name="M">\n  <price product="cuy" unit="kg" value="-2.50"/>\n </market>\n</prices>\n',
    'nan.xml': b'<prices date="2026-11-29">\n <market id="m" name="M">\n  <price product="cuy" unit="kg" value="NaN"/>\n </market>\n</prices>\n',
    'date.xml': b'<prices date="2026-02-30"/>\n',
    'empty.xml': b'',
}
for name, data in files.items():
    open(name, 'wb').write(data)
PY

for f in laughs xxe remote deep hugeattr hugetext trunc garbage badutf8 wrongenc nul bignum negative nan date empty; do
	start=$(date +%s%N)
	/usr/bin/time -f '%M' -o "$TMP/rss.txt" "$WK" check "$f.xml" >"$TMP/out.txt" 2>"$TMP/err.txt"
	rc=$?
	ms=$(( ($(date +%s%N) - start) / 1000000 ))
	[ "$rc" -eq 3 ] || { cat "$TMP/err.txt"; die "$f: exit $rc, want 3"; }
	grep -Eq "^willakuy: $f.xml:[0-9]+(:[0-9]+)?: error: " "$TMP/err.txt" ||
	    { cat "$TMP/err.txt"; die "$f: no file:line: error"; }
	[ "$ms" -lt 5000 ] || die "$f took $ms ms"
	rss=$(tail -1 "$TMP/rss.txt")
	[ "$rss" -lt 200000 ] || die "$f used $rss KB"
	echo "$f: $(head -1 "$TMP/err.txt" | cut -c1-110) (${ms} ms, ${rss} KB)"
done
grep -q "root:" "$TMP/out.txt" "$TMP/err.txt" && die "file disclosure"

# A feed in another encoding that it declares (Latin-1 here) is read as
# XML 1.0 says: converted, not refused.
expect_rc 0 "$WK" check -d 2026-11-29 latin1.xml

# A bulletin whose clip is not audio, or lasts hours: check refuses it;
# build names it and makes the bulletin without it (exit 1).
printf 'this is not audio' >"$TMP/fake.wav"
sox -n -r 8000 -c 1 "$TMP/long.flac" trim 0 7200
for c in fake.wav long.flac; do
	cat >"$TMP/b-$c.xml" <<X
<?xml version="1.0" encoding="UTF-8"?>
<bulletin id="clip" languages="es">
  <segment id="a"><clip src="$c"/><say xml:lang="es">Hola.</say></segment>
</bulletin>
X
	expect_rc 3 "$WK" check "$TMP/b-$c.xml"
	grep_err "b-$c.xml:3:[0-9]+: error: clip .*$c"
	expect_rc 1 "$WK" build -q -c "$TOP/examples/station.xml" -d "$DATE" -o "$TMP/out" "$TMP/b-$c.xml"
	grep_err "$c: error: .*1 segment of 1 bulletin goes to air without it"
done
grep_err "lasts 120 minutes"
