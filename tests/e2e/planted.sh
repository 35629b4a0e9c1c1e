# A playout account that may write a shared OUTDIR (<output shared="yes"/>)
# plants files for root's runs to read back: a dated folder made before the
# run with a kept report section that links to /etc/shadow, one holding a
# <script>, the legacy .report-NAME.html, a transcript swapped for its own
# after a run, an MP3 in latest/, a cache folder and a lock file of its own.
# Nothing of it reaches the report, the feeds, the page or the playlist; a
# link and another user's file are refused with a warning; the run goes on.
. "$(dirname "$0")/lib.sh"
[ "$(id -u)" -eq 0 ] || { echo "skip: planting files as another user needs root"; exit 77; }
command -v runuser >/dev/null || { echo "skip: runuser is missing"; exit 77; }
cd "$TMP"

# The playout account: a system user of its own, removed at the end (the
# nobody account when one cannot be made).
P=wk-playout-$$
if useradd --system --no-create-home --shell /usr/sbin/nologin "$P" 2>/dev/null; then
	trap 'userdel "$P" 2>/dev/null; chmod -R u+w "$TMP" 2>/dev/null; rm -rf "$TMP"' EXIT
else
	P=nobody
fi
as_playout() { runuser -u "$P" -- "$@"; }

sed 's|<feeds dir="feeds"/>|<feeds dir="'"$TOP"'/examples/feeds"/><output shared="yes"/>|' \
    "$TOP/examples/station.xml" >st.xml
for b in b c; do
	printf '<bulletin id="%s" languages="es">\n  <title xml:lang="es">Boletín %s</title>\n  <segment id="a"><say xml:lang="es">Hola, este es el boletín %s.</say></segment>\n</bulletin>\n' \
	    $b $b $b >$b.xml
done
chmod 0711 "$TMP"
mkdir out && chmod 0777 out		# shared with the playout account
D2=2026-11-30

# Before the first run: latest/, tomorrow's folder, .cache and things in
# them, all the playout account's.
as_playout mkdir out/latest out/$D2 out/.cache || die "cannot plant as $P"
as_playout ln -s /etc/shadow out/$D2/.report-zzz-es.data
as_playout sh -c "printf 'willakuy-report-section 1\ntitle <script>alert(\"PLANTED-1\")</script>\nlang es\nend\n' >out/$D2/.report-yyy-es.data"
as_playout sh -c "printf '<section><script>alert(\"PLANTED-2\")</script></section>' >out/$D2/.report-xxx-es.html"
as_playout sh -c 'printf "ID3" >out/latest/evil-es.mp3'
as_playout chmod 0777 out/latest out/$D2

expect_rc 0 "$WK" build -c st.xml -d "$DATE" -o out b.xml c.xml
grep_err "out/.cache: warning: the cache folder is not willakuy's alone \(owner uid [0-9]+, mode 7"
[ -z "$(find out/.cache -mindepth 1 -print -quit)" ] || die "the run wrote into another user's cache folder"
grep -q evil out/latest/latest.m3u out/latest/index.html && die "latest/ lists the planted MP3"
[ "$(grep -c '\.mp3$' out/latest/latest.m3u)" -eq 2 ] || die "latest.m3u should list b-es and c-es"

# Tomorrow's folder, the playout account's: its planted sections are not
# pasted into the report, the link not followed.
expect_rc 0 "$WK" build --future -c st.xml -d $D2 -o out b.xml
R=out/$D2/report.html
[ -s "$R" ] || die "no report for $D2"
grep_err "$D2: warning: .report-zzz-es.data is not a file willakuy wrote \(a link, or another user's\): the report leaves it out"
grep_err "$D2: warning: .report-yyy-es.data is not a file willakuy wrote"
grep -q 'PLANTED' "$R" && die "a planted section reached the report"
grep -q '<script>alert' "$R" && die "a planted script reached the report"
grep -Eq '^[a-z_-]+:[^:]*:[0-9]*:' "$R" && die "the report quotes /etc/shadow"
grep -q 'id="b-es"' "$R" || die "the report lacks the run's bulletin"

# The run's own sections are read back: c-es, made today, shows in a
# report of a run that makes b-es alone, from its data.
expect_rc 0 "$WK" build -q -c st.xml -d "$DATE" -o out b.xml
grep -q '<section class="bulletin" id="c-es" data-state="ok">' out/$DATE/report.html ||
    die "the report lost the kept section of c-es"

# After a run, the playout account swaps b-es's transcript for its own in
# the folder it owns: the next run's podcast feed and page do not take it.
as_playout sh -c "printf 'PLANTED-3 <b>texto</b>\n' >out/$D2/.swap && mv -f out/$D2/.swap out/$D2/b-es.txt"
expect_rc 0 "$WK" build -q --future -c st.xml -d $D2 -o out c.xml
grep -q PLANTED-3 out/podcast/*.xml out/latest/index.html && die "a planted transcript reached the podcast feed"
grep -q "Hola, este es el boletín b" out/podcast/b-es.xml || die "the podcast feed lost today's transcript of b-es"

# A lock file the playout account made first is not taken for willakuy's.
mkdir out2 && chmod 0777 out2
as_playout touch out2/.willakuy.lock
expect_rc 5 "$WK" build -q -c st.xml -d "$DATE" -o out2 b.xml
grep_err "\.willakuy\.lock is not willakuy's lock file \(not a plain file of this user, or linked elsewhere\): remove it"
echo "planted: as $P, nothing planted was read"
