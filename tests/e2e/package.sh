# The Debian package, as an operator meets it: `make deb` builds it (and
# lintian finds no error or warning); apt-get installs it; the system user
# willakuy, /var/lib/willakuy (its own) and the conffiles in /etc are
# there, the timer enabled. The cron.d line, run as cron runs it (env -i,
# PATH=/usr/bin:/bin, the file's own variables, as willakuy), builds the
# day's bulletins from feeds of today without a word on stdout or stderr:
# four MP3s that ffmpeg decodes, the report in Spanish, latest/. The
# systemd unit's ExecStart, run likewise, exits 0 too. Purge removes the
# program, /etc/willakuy, the units and /var/lib/willakuy, and leaves the
# account willakuy (Debian keeps system users), which the test then
# removes. The machine is left as it was, also on failure (a trap). Skips
# (exit 77) where dpkg cannot be used: not root, no apt or debhelper, or a
# willakuy already installed or configured here.
. "$(dirname "$0")/lib.sh"
skip() {
	echo "package: skipped: $*"
	exit 77
}
[ "$(id -u)" = 0 ] || skip "installing a package needs root"
for t in apt-get dpkg dpkg-buildpackage dh fakeroot runuser lintian; do
	command -v "$t" >/dev/null || skip "$t is missing (make deps-check installs it)"
done
dpkg-query -W -f='${Status}' willakuy 2>/dev/null | grep -q 'installed' &&
    skip "a willakuy package is installed here; the test would replace it"
for d in /etc/willakuy /var/lib/willakuy; do
	[ -e "$d" ] && skip "$d exists here; the test would take it over"
done
had_user=0
getent passwd willakuy >/dev/null && had_user=1
export DEBIAN_FRONTEND=noninteractive
APT="apt-get -q -y -o DPkg::Lock::Timeout=120"
installed=0
cleanup() {
	if [ "$installed" = 1 ]; then
		$APT purge willakuy >/dev/null 2>&1 || dpkg --purge willakuy >/dev/null 2>&1
		rm -rf /var/lib/willakuy
	fi
	if [ "$had_user" = 0 ] && getent passwd willakuy >/dev/null; then
		userdel willakuy 2>/dev/null
		getent group willakuy >/dev/null && groupdel willakuy 2>/dev/null
	fi
	chmod -R u+w "$TMP" 2>/dev/null
	rm -rf "$TMP"
}
trap cleanup EXIT

# Build, and lintian.
V=$(sed -n 's/^VERSION = //p' "$TOP/Makefile")
A=$(dpkg --print-architecture)
DEB="$TOP/willakuy_${V}_$A.deb"
t0=$SECONDS
make -s -C "$TOP" deb >"$TMP/deb.txt" 2>&1 || { tail -30 "$TMP/deb.txt"; die "make deb"; }
[ -s "$DEB" ] || die "make deb made no $DEB"
lintian --fail-on error,warning "$DEB" >"$TMP/lintian.txt" 2>&1 ||
    { cat "$TMP/lintian.txt"; die "lintian: errors or warnings"; }
dpkg-deb -f "$DEB" Depends | grep -q 'libespeak-ng1.*espeak-ng-data\|espeak-ng-data.*libespeak-ng1' ||
    die "Depends lacks the libraries or espeak-ng-data: $(dpkg-deb -f "$DEB" Depends)"

t_build=$((SECONDS - t0))
# Install.
t0=$SECONDS
installed=1
(cd "$TOP" && $APT install "./willakuy_${V}_$A.deb") >"$TMP/apt.txt" 2>&1 ||
    { tail -20 "$TMP/apt.txt"; die "apt-get install"; }
for f in /usr/bin/willakuy /etc/willakuy/station.xml /etc/willakuy/bulletins/precios-manana.xml \
    /etc/willakuy/bulletins/clips/cortina.flac /etc/cron.d/willakuy /lib/systemd/system/willakuy.service \
    /lib/systemd/system/willakuy.timer /usr/share/man/man1/willakuy.1.gz \
    /usr/share/locale/es/LC_MESSAGES/willakuy.mo; do
	[ -s "$f" ] || die "not installed: $f"
done
ls /usr/share/doc/willakuy/guia-operadores.md* >/dev/null 2>&1 || die "the operators' guide is not installed"
[ -L /etc/systemd/system/timers.target.wants/willakuy.timer ] || die "the timer is not enabled"
conf=$(dpkg-query -W -f='${Conffiles}\n' willakuy)
for f in /etc/willakuy/station.xml /etc/willakuy/bulletins/noticias-redes.xml \
    /etc/willakuy/bulletins/clips/fondo.ogg /etc/cron.d/willakuy; do
	printf '%s\n' "$conf" | grep -q " $f " || die "$f is not a conffile"
done
getent passwd willakuy | grep -q ':/var/lib/willakuy:/usr/sbin/nologin$' || die "user willakuy: $(getent passwd willakuy)"
[ "$(stat -c '%U:%G %a' /var/lib/willakuy)" = "willakuy:willakuy 755" ] ||
    die "/var/lib/willakuy is $(stat -c '%U:%G %a' /var/lib/willakuy)"
[ "$(stat -c '%U:%G %a' /var/lib/willakuy/feeds)" = "willakuy:willakuy 2775" ] ||
    die "/var/lib/willakuy/feeds is $(stat -c '%U:%G %a' /var/lib/willakuy/feeds)"

# Today's feeds: the example day's, every date moved to today, as the
# cron.d file's time zone has it.
# shellcheck disable=SC2046
TODAY=$(env $(grep -E '^TZ=' /etc/cron.d/willakuy) date +%F)
for k in precios noticias; do
	python3 - "$TOP/examples/feeds/$k-$DATE.xml" "/var/lib/willakuy/feeds/$k-$TODAY.xml" "$DATE" "$TODAY" <<'P' ||
import datetime, re, sys
src, dst, old, new = sys.argv[1:]
d = datetime.date.fromisoformat(new) - datetime.date.fromisoformat(old)
t = open(src, encoding="utf-8").read()
t = re.sub(r"\b(\d{4}-\d{2}-\d{2})\b", lambda m: str(datetime.date.fromisoformat(m.group(1)) + d), t)
open(dst, "w", encoding="utf-8").write(t)
P
	    die "feed $k"
done

t_install=$((SECONDS - t0))
# The cron.d line, as cron runs it: its variables only, as willakuy.
vars=$(grep -E '^[A-Z_]+=' /etc/cron.d/willakuy)
printf '%s\n' "$vars" | grep -qx 'PATH=/usr/bin:/bin' || die "the cron.d file does not set cron's PATH"
printf '%s\n' "$vars" | grep -qx 'LANG=es_PE.UTF-8' || die "the cron.d file does not set LANG"
line=$(grep -E '^[0-9*]' /etc/cron.d/willakuy)
[ "$(printf '%s\n' "$line" | awk '{ print $6 }')" = willakuy ] ||
    die "the cron job does not run as willakuy: $line"
job=$(printf '%s\n' "$line" | cut -d' ' -f7-)
case "$job" in
'[ -d /run/systemd/system ] || '*) job=${job#*|| } ;;
*) die "the cron job does not leave the work to systemd where it runs: $job" ;;
esac
t0=$SECONDS
# shellcheck disable=SC2086
env -i $vars HOME=/var/lib/willakuy LOGNAME=willakuy /usr/sbin/runuser -u willakuy -- \
    /bin/sh -c "$job" >"$TMP/cron.out" 2>&1
rc=$?
[ "$rc" = 0 ] || { cat "$TMP/cron.out"; die "the cron job exited $rc"; }
[ ! -s "$TMP/cron.out" ] || { cat "$TMP/cron.out"; die "the cron job printed (cron would mail it)"; }
t_run=$((SECONDS - t0))
D=/var/lib/willakuy/$TODAY
n=0
for f in "$D"/*-es.mp3 "$D"/*-qu.mp3; do
	[ "$(stat -c %U "$f")" = willakuy ] || die "$f is not willakuy's"
	s=$(ffmpeg -nostdin -v error -i "$f" -f s16le - | wc -c)
	[ "$s" -gt $((60 * 88200)) ] || die "$f decodes to $s bytes, under a minute"
	n=$((n + 1))
done
[ "$n" = 4 ] || die "$n bulletins in $D, want 4"
grep -q '<html lang="es">' "$D/report.html" || die "the report is not in Spanish"
grep -q 'los 4 boletines completos y al día' "$D/report.html" || die "the report's headline"
[ -s /var/lib/willakuy/latest/index.html ] && [ -s /var/lib/willakuy/latest/precios-manana-qu.mp3 ] ||
    die "latest/ is not there"

# The systemd unit's command, likewise: its Environment= and User=.
U=/lib/systemd/system/willakuy.service
exec_line=$(sed -n 's/^ExecStart=//p' "$U")
uenv=$(sed -n 's/^Environment=//p' "$U")
user=$(sed -n 's/^User=//p' "$U")
[ "$user" = willakuy ] || die "the unit runs as '$user'"
printf '%s\n' "$uenv" | grep -q 'LANG=es_PE.UTF-8' || die "the unit does not set LANG"
eval "set -- $exec_line"
# shellcheck disable=SC2086
env -i PATH=/usr/bin:/bin $uenv /usr/sbin/runuser -u "$user" -- "$@" >"$TMP/unit.out" 2>&1
rc=$?
[ "$rc" = 0 ] || { cat "$TMP/unit.out"; die "the unit's command exited $rc"; }

# Purge: what is gone, what stays.
t0=$SECONDS
$APT purge willakuy >"$TMP/purge.txt" 2>&1 || { tail -20 "$TMP/purge.txt"; die "apt-get purge"; }
installed=0
for f in /usr/bin/willakuy /etc/willakuy /etc/cron.d/willakuy /lib/systemd/system/willakuy.service \
    /etc/systemd/system/timers.target.wants/willakuy.timer /var/lib/willakuy /usr/share/willakuy; do
	[ -e "$f" ] || [ -L "$f" ] && die "purge left $f"
done
getent passwd willakuy >/dev/null || die "purge removed the account willakuy (Debian keeps system users)"
echo "package: $(basename "$DEB") lintian-clean (build and lintian ${t_build} s); installed (${t_install} s), the cron line built $n bulletins and the report in $D as willakuy (${t_run} s); purged ($((SECONDS - t0)) s)"
