# make install into a DESTDIR, then the installed program runs from
# elsewhere without the source tree: it finds its data, its man pages and
# its Spanish messages; make uninstall removes it all.
. "$(dirname "$0")/lib.sh"
ROOT="$TMP/root"
make -s -C "$TOP" install PREFIX=/usr DESTDIR="$ROOT" >/dev/null || die "make install"
B="$ROOT/usr/bin/willakuy"
[ -x "$B" ] || die "no binary"
for f in usr/share/man/man1/willakuy.1 usr/share/man/man5/willakuy.5 \
    usr/share/locale/es/LC_MESSAGES/willakuy.mo usr/share/willakuy/voices/qu/voice.xml \
    usr/share/willakuy/bulletins/schema/bulletin.rng usr/share/willakuy/bulletins/station/default.xml; do
	[ -s "$ROOT/$f" ] || die "not installed: $f"
done
# The crontab and the systemd unit name the installed program by its full
# path (cron's PATH is /usr/bin:/bin) and set the operator's language.
EX="$ROOT/usr/share/willakuy/examples"
grep -Eq '^[0-9*].* willakuy /usr/bin/willakuy build ' "$EX/crontab" || die "crontab: $(grep '^[0-9*]' "$EX/crontab")"
grep -qx 'LANG=es_PE.UTF-8' "$EX/crontab" || die "crontab: no LANG"
grep -q "^ExecStart=.*exec /usr/bin/willakuy build " "$EX/systemd/willakuy.service" || die "willakuy.service: ExecStart"
grep -qx 'Environment=LANG=es_PE.UTF-8' "$EX/systemd/willakuy.service" || die "willakuy.service: no LANG"
! grep -rq /usr/local "$EX/crontab" "$EX/systemd" || die "an example still names /usr/local"
[ -s "$ROOT/usr/share/doc/willakuy/guia-operadores.md" ] || die "the operators' guide is not installed"
# Away from the source tree, with no hint where the data is.
mkdir -p "$TMP/elsewhere"
cd "$TMP/elsewhere"
unset WILLAKUY_DATA
printf '2026-11-29\n' | "$B" verbalize -l qu >out.txt || die "installed verbalize"
grep -q "Dumingu" out.txt || die "installed verbalize output"
# The default station points at the installed example feeds.
"$B" build -q -d "$DATE" -o out "$ROOT/usr/share/willakuy/bulletins/precios-manana.xml" || die "installed build"
[ -s "out/$DATE/precios-manana-qu.mp3" ] || die "installed build made nothing"
env -u LC_ALL LANG=es_PE.UTF-8 "$B" check /no/such.xml 2>err.txt
grep -q "error: no se puede abrir" err.txt || { cat err.txt; die "no Spanish messages when installed"; }
MANWIDTH=200 man -l "$ROOT/usr/share/man/man1/willakuy.1" >/dev/null 2>&1 || die "man page"
make -s -C "$TOP" uninstall PREFIX=/usr DESTDIR="$ROOT" >/dev/null || die "make uninstall"
left=$(find "$ROOT" -type f)
[ -z "$left" ] || die "left after uninstall: $left"
echo "install: ran from $ROOT without the source tree; uninstall left nothing"
