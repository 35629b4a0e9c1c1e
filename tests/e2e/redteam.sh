# The fourth round of attacks (issue 26): what got through, each checked
# on the input that showed it. Fast: a few seconds.
. "$(dirname "$0")/lib.sh"
cd "$TMP"

# mk FILE SEGMENT...: a one-language bulletin, one <segment> per argument.
mk() {
	local f=$1 i=0 s
	shift
	{
		echo '<?xml version="1.0" encoding="UTF-8"?>'
		echo '<bulletin id="corto" languages="es"><title xml:lang="es">Corto</title>'
		for s in "$@"; do
			i=$((i + 1))
			echo "<segment id=\"s$i\">$s</segment>"
		done
		echo '</bulletin>'
	} >"$f"
}

# 1. A segment whose speech lasts under 400 ms ("Hola.") over a music bed
# was taken for silence once the bed was mixed in (BS.1770 gives no
# loudness under 400 ms): the whole bulletin was off the air, exit 4,
# while check passed and the same words without the bed went out.
BED="$TOP/bulletins/clips/fondo.ogg"
mk short.xml "<bed src=\"$BED\"/><say xml:lang=\"es\">Hola.</say>" \
    "<say xml:lang=\"es\">Hola.</say>"
expect_rc 0 "$WK" check short.xml
expect_rc 0 "$WK" build -q -c "$TOP/examples/station.xml" -d "$DATE" -o out short.xml
seg="out/$DATE/corto-es/01-s1.mp3"
[ -s "$seg" ] || die "the segment over a bed was not published"
# It holds speech at about the level of the same words without the bed.
vol() {
	ffmpeg -hide_banner -nostats -i "$1" -af volumedetect -f null - 2>&1 |
	    awk '/mean_volume/ { print $5 }'
}
a=$(vol "$seg")
b=$(vol "out/$DATE/corto-es/02-s2.mp3")
within "$a" $(awk -v b="$b" 'BEGIN { print b - 3, b + 3 }') ||
    die "the short segment over a bed is at $a dB mean, without the bed $b dB"
echo "short speech over a bed: published, mean $a dB (without the bed $b dB)"

# 2. `kit -o DIR` opened DIR/LANG/index.txt and script.txt with fopen:
# the announcer's account, which writes its takes into that folder, could
# plant index.txt -> /etc/passwd and root's kit wrote through it. Now the
# language folder is reached without following a link and each file is
# replaced whole: the link is replaced, its target untouched; a link at
# the language folder itself is refused.
echo "keep me" >victim
mkdir -p kit/es
ln -s "$TMP/victim" kit/es/index.txt
ln -s "$TMP/victim" kit/es/script.txt
expect_rc 0 "$WK" kit -d "$DATE" -l es -o kit "$TOP/bulletins/precios-manana.xml"
[ "$(cat victim)" = "keep me" ] || die "kit wrote through a link: $(head -c 80 victim)"
[ -f kit/es/index.txt ] && [ ! -L kit/es/index.txt ] || die "kit/es/index.txt is not a file"
grep -q '^papa-amarilla.wav: papa amarilla$' kit/es/index.txt || die "kit/es/index.txt lacks its takes"
[ ! -L kit/es/script.txt ] || die "kit/es/script.txt is still a link"
rm -rf kit/es
mkdir elsewhere
ln -s "$TMP/elsewhere" kit/es
expect_rc 5 "$WK" kit -d "$DATE" -l es -o kit "$TOP/bulletins/precios-manana.xml"
grep_err "kit/es: error: a symbolic link or a file, not a folder"
[ -z "$(ls elsewhere)" ] || die "kit wrote through a linked folder"
echo "kit -o: links at its files replaced, a linked folder refused"

# 3. The cache only saves work, but a full cache folder (a disk of its
# own, or a quota) took every bulletin off the air: segments and prepared
# clips are encoded straight into their cache entries, and ENOSPC there
# failed the bulletin, exit 5, "cannot write a temporary file (TMPDIR)".
# Now the entry is dropped and the work made again into a temporary
# file, with one warning. Needs a tmpfs in a mount namespace of its own.
if unshare -m true 2>/dev/null; then
	mkdir -p full/.cache
	chmod 700 full/.cache
	unshare -m sh -c 'mount -t tmpfs -o size=300k,mode=700 tmpfs full/.cache &&
	    exec "$@"' sh "$WK" build -c "$TOP/examples/station.xml" -d "$DATE" \
	    -o full "$TOP/bulletins/precios-manana.xml" >out.txt 2>err.txt
	rc=$?
	[ "$rc" -eq 0 ] || { cat err.txt; die "a full cache folder: exit $rc, want 0"; }
	grep_err "full/.cache: warning: the cache cannot take a segment"
	grep_err "full/.cache: warning: the cache cannot take a prepared clip"
	for l in es qu; do
		f="full/$DATE/precios-manana-$l.mp3"
		[ -s "$f" ] || die "$f not published with a full cache"
		d=$(duration "$f")
		within "$d" 120 400 || die "$f lasts $d s"
		ffmpeg -v error -i "$f" -f null - 2>&1 | grep -q . && die "$f does not decode cleanly"
	done
	echo "a full cache folder: both bulletins published uncached, one warning each"
else
	echo "a full cache folder: not tried (no mount namespace here)"
fi

# 4. `history import FEEDS...` printed each feed's name raw on stdout
# (diagnostics escaped it): a feed named with an escape sequence or a line
# break in a shared feeds folder steered the operator's terminal or forged
# a line of cron's mail. Now shown as the diagnostics show it.
evil=$(printf 'p\033]0;owned\007\033[2J\nforged: ok.xml')
cp "$TOP/examples/feeds/precios-$DATE.xml" "$evil"
mkdir hist
expect_rc 0 "$WK" history import -o hist "$evil"
[ "$(wc -l <out.txt)" -eq 1 ] || { cat -v out.txt; die "history import printed more than one line"; }
LC_ALL=C grep -q "$(printf '\033')" out.txt && die "history import echoed an escape sequence"
grep -Fq 'p\x1B]0;owned\x07\x1B[2J\nforged: ok.xml: the prices of' out.txt ||
    { cat -v out.txt; die "history import does not show the name escaped"; }
echo "history import: a feed's name shown escaped"

# 5. A news text within the reader's 3000 characters can still say ten
# times more when its figures and symbols are said in words: 2000 digits
# or 2900 "%" made a 2.5-minute bulletin last 24 minutes. An item that
# would last more than 7 minutes spoken is left out with an error at its
# feed line (exit 1, as for a headline too long to read); the others are read.
mkdir -p nf/feeds
printf '<station id="nf" name="Radio NF"><feeds dir="feeds"/></station>\n' >nf/station.xml
python3 - nf/feeds/noticias-$DATE.xml <<'P'
import sys
items = [("digitos", "Cifras: " + "7" * 2000 + "."), ("normal", "La feria abre a las nueve."),
         ("porcientos", "Suba de " + "%" * 2900 + ".")]
with open(sys.argv[1], "w") as f:
    f.write('<?xml version="1.0" encoding="UTF-8"?>\n<news date="2026-11-29">\n')
    for i, (id, text) in enumerate(items):
        f.write('  <item id="%s" network="agro" date="2026-11-29">\n'
                '    <headline xml:lang="es">Noticia %d.</headline>\n'
                '    <text xml:lang="es">%s</text>\n  </item>\n' % (id, i + 1, text))
    f.write('</news>\n')
P
mk nf/b.xml '<news feed="noticias-{date}.xml" network="agro" max="5"/>'
expect_rc 1 "$WK" build -q -c nf/station.xml -d "$DATE" -o nf/out nf/b.xml
[ -s "nf/out/$DATE/corto-es.mp3" ] || { cat "$TMP/err.txt" >&2; die "the news bulletin was not published"; }
grep_err "noticias-$DATE.xml:4:5: error: news item 'digitos' would last about [0-9]+ seconds"
grep_err "noticias-$DATE.xml:12:5: error: news item 'porcientos' would last about [0-9]+ seconds"
grep -q "La feria abre a las nueve" "nf/out/$DATE/corto-es.txt" || die "the normal item is not read"
grep -q "siete siete\|por ciento por ciento" "nf/out/$DATE/corto-es.txt" && die "an item too long to say was read"
len=$(ffprobe -v error -show_entries format=duration -of default=nw=1:nk=1 "nf/out/$DATE/corto-es.mp3")
awk -v d="$len" 'BEGIN { exit !(d < 60) }' || die "the news bulletin lasts $len s"
echo "news: an item too long when spoken is left out ($len s)"

echo "redteam: all held"
