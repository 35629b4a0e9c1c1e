# Dates after today go to air on their date, not before: a build for a date
# after today (the machine's clock in its time zone, TZ) publishes its date
# folder and leaves latest/, its page and playlist and the podcast feeds as
# they were, and -q says so; the first run on that date (the same bulletin,
# nothing changed) moves them. A date more than 31 days ahead is refused
# (exit 2) unless --future says it is meant; retention never counts from a
# date after today. A latest/ that a clock set wrong pinned to a date still
# to come is taken back by today's run, which says so under -q.
#
# "Tomorrow" without touching the clock: at any moment the date in UTC+14
# (TZ=Etc/GMT-14) is one or two days after the date in UTC-12
# (TZ=Etc/GMT+12), so a date that is today in the east is still to come in
# the west.
. "$(dirname "$0")/lib.sh"
cd "$TMP"
EAST=Etc/GMT-14 WEST=Etc/GMT+12
E=$(TZ=$EAST date +%F)
printf '<station id="s" name="Radio Prueba"><feeds dir="."/><cache size-mb="0"/><retention days="2"/></station>\n' >st.xml
say() {	# say TEXT: the bulletin a.xml says it
	printf '<bulletin id="a" languages="es"><segment id="x"><say xml:lang="es">%s</say></segment></bulletin>\n' "$1" >a.xml
}
run() {	# run TZ OUTDIR DATE [OPTION]: a quiet build of a.xml
	local tz=$1 o=$2 d=$3
	shift 3
	TZ=$tz "$WK" build -q -c st.xml -d "$d" -o "$o" "$@" a.xml
}
items() {	# items FEED: the dates of its episodes, newest first
	python3 - "$1" <<'P'
import sys, xml.etree.ElementTree as ET
print(" ".join(g.text.rsplit(":", 1)[1] for g in ET.parse(sys.argv[1]).iter("guid")))
P
}
sums() {	# what latest/ holds, with its page and playlist, and the feed
	(cd "$1" && md5sum latest/* latest/.willakuy-latest podcast/*.xml)
}
day() { date -u -d "$1 $2 days" +%F; }

# 1. Today in the west, then the east's date: still to come there.
W=$(TZ=$WEST date +%F)
say "Uno."
expect_rc 0 run $WEST o "$W"
[ ! -s err.txt ] || die "a run for today said: $(cat err.txt)"
before=$(sums o)
say "Dos."
expect_rc 0 run $WEST o "$E"
grep_err "^willakuy: built for $E, goes to air on that date: latest/ and the podcast feeds keep today's \($W\)"
[ -s o/$E/a-es.mp3 ] || die "the date folder of $E was not published"
[ "$(sums o)" = "$before" ] || die "a date still to come moved latest/, its page, playlist or feed: $(sums o)"
cmp -s o/$W/a-es.mp3 o/latest/a-es.mp3 || die "latest/ is not today's"
[ "$(items o/podcast/a-es.xml)" = "$W" ] || die "the feed has $(items o/podcast/a-es.xml)"
# The same run under the clock's own zone, where it is today, moves them
# all: the bulletin, nothing changed, built again.
expect_rc 0 run $EAST o "$E"
[ ! -s err.txt ] || die "a run for today said: $(cat err.txt)"
cmp -s o/$E/a-es.mp3 o/latest/a-es.mp3 || die "latest/ did not move to $E"
[ "$(stat -c %i o/$E/a-es.mp3)" = "$(stat -c %i o/latest/a-es.mp3)" ] || die "latest/a-es.mp3 is not the dated file"
grep -q "^willakuy-latest 1 $E\$" o/latest/.willakuy-latest || die "manifest: $(cat o/latest/.willakuy-latest)"
grep -q "^a-es	$E	built	" o/latest/.willakuy-latest || die "manifest: $(cat o/latest/.willakuy-latest)"
[ "$(items o/podcast/a-es.xml)" = "$E $W" ] || die "the feed has $(items o/podcast/a-es.xml)"
grep -q "a-es.mp3" o/latest/latest.m3u && grep -q "Dos" o/$E/a-es.txt || die "latest.m3u"
# The day turned in the east while we ran: the test proved nothing.
[ "$(TZ=$EAST date +%F)" = "$E" ] || { echo "dates: skipped (the day turned in UTC+14 during the test)"; exit 77; }

# 2. Much later: refused beyond 31 days, unless --future; retention counts
# from today, never from the date.
T=$(TZ=UTC date +%F)
for k in 1 2 3 4 5; do mkdir -p "r/$(day "$T" -$k)"; done
say "Tres."
expect_rc 0 run UTC r "$T"
for k in 1 2; do [ -d "r/$(day "$T" -$k)" ] || die "retention removed $(day "$T" -$k), $k days old"; done
for k in 3 4 5; do [ ! -d "r/$(day "$T" -$k)" ] || die "retention kept $(day "$T" -$k)"; done
expect_rc 0 run UTC r "$(day "$T" 31)"
F=$(day "$T" 32)
expect_rc 2 run UTC r "$F"
grep_err "^willakuy: -d $F is 32 days after today \($T, the machine's date in its time zone, TZ\): a mistyped year, or a clock set wrong\? Nothing was built\. Give a date at most 31 days ahead, or add --future"
[ ! -e "r/$F" ] || die "a refused date has a folder"
Y=$(day "$T" 365)
before=$(sums r)
expect_rc 0 run UTC r "$Y" --future
grep_err "^willakuy: built for $Y, goes to air on that date"
[ -s "r/$Y/a-es.mp3" ] || die "--future did not build"
[ "$(sums r)" = "$before" ] || die "a date a year ahead moved latest/ or the feed"
for k in 0 1 2; do [ -d "r/$(day "$T" -$k)" ] || die "a date a year ahead removed $(day "$T" -$k)"; done
# Today's run after it: latest/ is today's, the archive whole, nothing to say.
expect_rc 0 run UTC r "$T"
[ ! -s err.txt ] || die "today's run said: $(cat err.txt)"
cmp -s "r/$T/a-es.mp3" r/latest/a-es.mp3 || die "latest/ is not today's"
for k in 0 1 2; do [ -d "r/$(day "$T" -$k)" ] || die "the archive lost $(day "$T" -$k)"; done

# 3. A clock set a year ahead pinned latest/ to that date (as a run before
# this rule left it): today's run takes latest/ back, and says so with -q.
cp "r/$Y/a-es.mp3" r/latest/a-es.mp3
printf 'willakuy-latest 1 %s\na-es\t%s\tbuilt\t%s\n' "$Y" "$Y" "$TMP/a.xml" >r/latest/.willakuy-latest
say "Cuatro."
expect_rc 0 run UTC r "$T"
grep_err "^willakuy: latest/ held the bulletins of $Y, a date after today \($T\): it now holds those of $T"
cmp -s "r/$T/a-es.mp3" r/latest/a-es.mp3 || die "latest/ stayed pinned to $Y"
grep -q "^willakuy-latest 1 $T\$" r/latest/.willakuy-latest && grep -q "^a-es	$T	built	" r/latest/.willakuy-latest ||
    die "manifest: $(cat r/latest/.willakuy-latest)"
[ -s "r/$Y/a-es.mp3" ] || die "the folder of $Y was removed"
[ "$(items r/podcast/a-es.xml)" = "$T" ] || die "the feed has $(items r/podcast/a-es.xml)"

# 4. In Spanish.
F=$(day "$T" 40)
env -u LC_ALL LANG=es_PE.UTF-8 TZ=UTC "$WK" build -q -c st.xml -d "$F" -o r a.xml 2>err.txt
[ $? = 2 ] || die "Spanish: not refused"
grep_err "^willakuy: -d $F está 40 días después de hoy"
F=$(day "$T" 3)
env -u LC_ALL LANG=es_PE.UTF-8 TZ=UTC "$WK" build -q -c st.xml -d "$F" -o r a.xml 2>err.txt || die "Spanish: $F not built"
grep_err "^willakuy: hecho para el $F, sale al aire en esa fecha"
echo "dates: a date to come leaves latest/, its page and the feed until it comes; more than 31 days refused without --future; retention from today; a pinned latest/ taken back"
