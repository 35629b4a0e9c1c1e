# What a run publishes for podcast clients, phones and playout systems, read
# by the real clients: two days of a two-segment bulletin and a one-segment
# one, with Opus, Rivendell carts and a publish hook. Debian's
# python3-feedparser reads the feeds (enclosures, lengths, dates, the Opus
# alternate); podget downloads every episode from a local HTTP server; the
# Opus files decode at the loudness target; RDXL carries the cart number
# and group; latest/index.html has a player per bulletin; the hook sees the
# right files, never runs for a bulletin that failed, and a failing hook
# gives exit 1 with the bulletin still published. The feeds carry the
# station's picture (itunes:image, copied into podcast/), its owner
# (itunes:owner), their own URL (atom:link rel="self") and podcast:guid
# (checked against Python's uuid5); the hook gets each bulletin-language's
# Rivendell cart and group; a station without a public URL is warned
# once a run.
. "$(dirname "$0")/lib.sh"
PY=/usr/bin/python3
SRV=
trap '[ -n "$SRV" ] && kill "$SRV" 2>/dev/null; chmod -R u+w "$TMP" 2>/dev/null; rm -rf "$TMP"' EXIT
PORT=$($PY -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
BASE="http://127.0.0.1:$PORT/"
PREV=2026-11-28
cat >"$TMP/corto.xml" <<'B'
<bulletin id="corto" languages="es">
  <title xml:lang="es">Boletín corto</title>
  <segment id="santa-clara"><say xml:lang="es">Buenos días, Santa Clara. Hoy hay sol en Huanta, y mañana lloverá en la sierra.</say></segment>
  <segment id="cierre"><say xml:lang="es">Hasta mañana, Ayacucho.</say></segment>
</bulletin>
B
cat >"$TMP/aviso.xml" <<'B'
<bulletin id="aviso" languages="es">
  <title xml:lang="es">Aviso</title>
  <segment id="aviso"><say xml:lang="es">La feria de Huanta empieza el sábado.</say></segment>
</bulletin>
B
echo '<bulletin id="roto"' >"$TMP/roto.xml"
# station HOOK: a station file with that hook command.
station() {
	cat >"$TMP/st.xml" <<S
<station id="radio-wamanga" name="Radio Wamanga">
  <feeds dir="$TOP/examples/feeds"/>
  <audio formats="mp3 opus" opus-kbps="32" loudness="-23"/>
  <publish base-url="$BASE" time="07:30" artwork="arte.png" email="prensa@radio.example"/>
  <rivendell group="NEWS">
    <cart bulletin="corto" lang="es" number="50001"/>
    <cart bulletin="aviso" lang="es" number="50002"/>
  </rivendell>
  <hook command="$1" timeout="20"/>
</station>
S
}
build() {
	(cd "$TOP" && "$WK" build -c "$TMP/st.xml" -o "$TMP/o" "$@")
}
ffmpeg -v error -f lavfi -i color=c=0x2f855a:s=1400x1400 -frames:v 1 "$TMP/arte.png" || die "ffmpeg png"
station 'env | grep ^WILLAKUY_ | sort > $HOOKDIR/$WILLAKUY_BULLETIN-$WILLAKUY_DATE.env'
export HOOKDIR="$TMP/hook"
mkdir "$HOOKDIR"
expect_rc 0 build -d "$PREV" "$TMP/corto.xml"
# roto.xml cannot be read: exit 3 for it, the others published and hooked.
expect_rc 3 build -d "$DATE" "$TMP/corto.xml" "$TMP/aviso.xml" "$TMP/roto.xml"
ls "$HOOKDIR" | sort | tr '\n' ' ' >"$TMP/hooks.txt"
[ "$(cat "$TMP/hooks.txt")" = "aviso-$DATE.env corto-$PREV.env corto-$DATE.env " ] ||
    die "hooks run: $(cat "$TMP/hooks.txt")"
d="$TMP/o/$DATE"
abs=$(cd "$TMP/o" && pwd -P)
for v in "MP3=$abs/$DATE/corto-es.mp3" "OPUS=$abs/$DATE/corto-es.opus" \
    "TRANSCRIPT=$abs/$DATE/corto-es.txt" "RDXL=$abs/$DATE/corto-es.xml" \
    "DATE=$DATE" "LANG=es" "BULLETIN=corto" "FEED=$abs/podcast/corto-es.xml" \
    "CART=50001" "GROUP=NEWS"; do
	grep -qx "WILLAKUY_$v" "$HOOKDIR/corto-$DATE.env" ||
	    { cat "$HOOKDIR/corto-$DATE.env"; die "hook lacks WILLAKUY_$v"; }
	f=${v#*=}
	case "$f" in /*) [ -s "$f" ] || die "hook: $f is not there" ;; esac
done
grep -qx "WILLAKUY_CART=50002" "$HOOKDIR/aviso-$DATE.env" || die "hook: aviso's cart"
# The picture, copied beside the feeds.
cmp -s "$TMP/arte.png" "$TMP/o/podcast/artwork.png" || die "podcast/artwork.png"
art_ino=$(stat -c %i "$TMP/o/podcast/artwork.png")
# RDXL: cart number and group.
for x in "<number>50001</number>" "<groupName>NEWS</groupName>"; do
	grep -q "$x" "$d/corto-es.xml" || die "RDXL lacks $x"
done
grep -q "<number>50002</number>" "$d/aviso-es.xml" || die "RDXL aviso cart"
# Opus: decodes, mono 48 kHz, within 1 LU of the target, as long as the
# MP3's audio (which keeps each joined stream's encoder delay and padding
# inside: a few hundredths of a second), tagged.
for f in "$d/corto-es.opus" "$d/corto-es/01-santa-clara.opus" "$d/aviso-es.opus"; do
	[ "$(ffprobe -v error -show_entries stream=codec_name,channels,sample_rate \
	    -of csv=p=0 "$f")" = "opus,48000,1" ] || die "$f: not mono 48 kHz Opus"
	read -r i p <<<"$(ebur128 "$f")"
	within "$i" -24 -22 || die "$f: $i LUFS, target -23"
	ffmpeg -v error -i "$f" -f null - || die "$f does not decode"
done
[ "$(ffprobe -v error -show_entries stream_tags=title -of default=nw=1:nk=1 \
    "$d/corto-es/02-cierre.opus")" = "Boletín corto: cierre" ] || die "Opus TITLE"
ffprobe -v error -show_entries stream_tags=lyrics -of default=nw=1:nk=1 \
    "$d/corto-es.opus" | grep -q "Hasta mañana, Ayacucho" || die "Opus transcript"
mp3=$(ffmpeg -v error -i "$d/corto-es.mp3" -f s16le - | wc -c)
ops=$(ffmpeg -v error -i "$d/corto-es.opus" -ar 44100 -f s16le - | wc -c)
awk -v a="$mp3" -v b="$ops" 'BEGIN { d = (a - b) / 88200; exit !(d < 0.15 && d > -0.05) }' ||
    die "Opus lasts $ops bytes of PCM, the MP3 $mp3"
# latest/: one player per bulletin, the Opus first, and a playlist.
[ "$(grep -c '<audio' "$TMP/o/latest/index.html")" = 2 ] || die "index.html players"
grep -q "src=\"../$DATE/corto-es.opus\"" "$TMP/o/latest/index.html" || die "index.html Opus"
grep -q 'src="aviso-es.mp3"' "$TMP/o/latest/index.html" || die "index.html MP3"
! grep -qi "<script\|http" "$TMP/o/latest/index.html" || die "index.html reaches out"
[ "$(grep -c '^#EXTINF' "$TMP/o/latest/latest.m3u")" = 2 ] || die "latest.m3u"
grep -qx "corto-es.mp3" "$TMP/o/latest/latest.m3u" || die "latest.m3u path"
# The feeds, read by feedparser.
$PY - "$TMP/o" "$BASE" "$DATE" "$PREV" <<'P' || die "feedparser"
import os, sys, feedparser, time
o, base, date, prev = sys.argv[1:]
f = feedparser.parse(os.path.join(o, "podcast", "corto-es.xml"))
assert not f.bozo, f.bozo_exception
assert f.feed.title == "Radio Wamanga: Boletín corto", f.feed.title
assert f.feed.language == "es-PE", f.feed.language  # voices/es/voice.xml locale
assert len(f.entries) == 2, len(f.entries)
for e, d in zip(f.entries, (date, prev)):
    enc = [l for l in e.links if l.rel == "enclosure"]
    assert len(enc) == 1, e.links
    assert enc[0].href == base + d + "/corto-es.mp3", enc[0].href
    assert enc[0].type == "audio/mpeg"
    assert int(enc[0].length) == os.path.getsize(os.path.join(o, d, "corto-es.mp3"))
    # 07:30 in Peru (UTC-5) is 12:30 UTC.
    assert time.strftime("%Y-%m-%d %H:%M", e.published_parsed) == d + " 12:30", e.published
    assert e.id == "radio-wamanga:corto-es:" + d, e.id
    assert "Hasta mañana, Ayacucho" in e.summary
    h, m, s = map(int, e.itunes_duration.split(":"))
    assert 4 <= h * 3600 + m * 60 + s <= 12, e.itunes_duration
# The Opus alternate, as Podcasting 2.0 writes it.
import xml.etree.ElementTree as ET
ns = {"podcast": "https://podcastindex.org/namespace/1.0"}
items = ET.parse(os.path.join(o, "podcast", "corto-es.xml")).getroot().findall("channel/item")
for it, d in zip(items, (date, prev)):
    alt = it.find("podcast:alternateEnclosure", ns)
    assert alt is not None and alt.get("type") == "audio/ogg; codecs=opus"
    assert int(alt.get("length")) == os.path.getsize(os.path.join(o, d, "corto-es.opus"))
    assert alt.find("podcast:source", ns).get("uri") == base + d + "/corto-es.opus"
a = feedparser.parse(os.path.join(o, "podcast", "aviso-es.xml"))
assert len(a.entries) == 1 and not a.bozo
# The channel: picture, owner, its own URL and its podcast:guid.
import uuid
for name in ("corto-es", "aviso-es"):
    f = feedparser.parse(os.path.join(o, "podcast", name + ".xml"))
    assert f.feed.image.href == base + "podcast/artwork.png", f.feed.image
    assert f.feed.publisher_detail.name == "Radio Wamanga", f.feed.publisher_detail
    assert f.feed.publisher_detail.email == "prensa@radio.example", f.feed.publisher_detail
    me = [l.href for l in f.feed.links if l.rel == "self"]
    assert me == [base + "podcast/" + name + ".xml"], f.feed.links
    ch = ET.parse(os.path.join(o, "podcast", name + ".xml")).getroot().find("channel")
    want = uuid.uuid5(uuid.UUID("ead4c236-bf58-58c6-a2c6-a6b28d128cb6"),
                      me[0].split("://", 1)[1].rstrip("/"))
    assert ch.find("podcast:guid", ns).text == str(want), (ch.find("podcast:guid", ns).text, want)
P
# podget downloads every episode from a local server. The episodes share a
# file name (one per dated folder): FILENAME_FORMATFIX4 names them by
# their folder, as the README says.
$PY -m http.server --bind 127.0.0.1 --directory "$TMP/o" "$PORT" >/dev/null 2>&1 &
SRV=$!
for _ in $(seq 50); do
	$PY -c "import urllib.request as u; u.urlopen('${BASE}podcast/corto-es.xml')" 2>/dev/null && break
	sleep 0.1
done
mkdir -p "$TMP/pg/lib"
HOME="$TMP/pg" podget -s -d "$TMP/pg/cfg" --create-config podgetrc >/dev/null 2>&1
sed -i -e "s|^DIR_LIBRARY=.*|DIR_LIBRARY=$TMP/pg/lib|" -e 's/^NO_PLAYLIST=.*/NO_PLAYLIST=1/' \
    -e 's/^FILENAME_FORMATFIX4=.*/FILENAME_FORMATFIX4=1/' "$TMP/pg/cfg/podgetrc" || die "podgetrc"
echo "${BASE}podcast/corto-es.xml Noticias Boletin" >"$TMP/pg/cfg/serverlist"
HOME="$TMP/pg" timeout 60 podget -s -d "$TMP/pg/cfg" >"$TMP/podget.txt" 2>&1 ||
    { cat "$TMP/podget.txt"; die "podget"; }
n=0
for day in "$DATE" "$PREV"; do
	got=$(find "$TMP/pg/lib" -name "*$day*.mp3")
	[ -n "$got" ] && cmp -s "$got" "$TMP/o/$day/corto-es.mp3" ||
	    { find "$TMP/pg/lib"; cat "$TMP/podget.txt"; die "podget: episode $day"; }
	n=$((n + 1))
done
# A station without a public URL: one warning a run (two bulletins), none
# with -q when all went well; a picture that is not one: a warning and no
# itunes:image.
sed -e "s|base-url=\"$BASE\" ||" -e 's|artwork="arte.png"|artwork="roto.xml"|' \
    -e '/<hook /d' "$TMP/st.xml" >"$TMP/rel.xml"
(cd "$TOP" && "$WK" build -c "$TMP/rel.xml" -d "$DATE" -o "$TMP/o2" "$TMP/corto.xml" "$TMP/aviso.xml") \
    >/dev/null 2>"$TMP/err2.txt" || { cat "$TMP/err2.txt"; die "build without base-url"; }
[ "$(grep -c 'URLs relative to podcast/' "$TMP/err2.txt")" = 1 ] ||
    { cat "$TMP/err2.txt"; die "the relative-URL warning is not shown once"; }
grep -q 'roto.xml: warning: .*picture.*not a PNG or JPEG' "$TMP/err2.txt" ||
    { cat "$TMP/err2.txt"; die "no warning for a picture that is not one"; }
! grep -q 'itunes:image\|atom:link\|podcast:guid' "$TMP/o2/podcast/corto-es.xml" ||
    die "relative feed with a picture, a self link or a guid"
(cd "$TOP" && "$WK" build -q -c "$TMP/rel.xml" -d "$DATE" -o "$TMP/o2" "$TMP/corto.xml") \
    >/dev/null 2>"$TMP/err3.txt" || die "build -q without base-url"
[ ! -s "$TMP/err3.txt" ] || { cat "$TMP/err3.txt"; die "-q prints the warning on a good run"; }
# A failing hook: exit 1, reported, the bulletin published all the same.
station 'exit 3'
rm -f "$d/aviso-es.mp3"
expect_rc 1 build -d "$DATE" "$TMP/aviso.xml"
grep_err "aviso-es.*exit status 3"
[ -s "$d/aviso-es.mp3" ] && [ -s "$TMP/o/latest/aviso-es.mp3" ] || die "failing hook undid publication"
[ "$(stat -c %i "$TMP/o/podcast/artwork.png")" = "$art_ino" ] || die "the same picture was written again"
exit 0
