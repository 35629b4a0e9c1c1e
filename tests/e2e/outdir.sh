# The output folder is not trusted: run as root, another account that can
# write into it plants links at the lock file, at a segment folder's name,
# as a dated subfolder, in the cache, and a journal; nothing outside OUTDIR
# changes (a decoy folder is checksummed before and after), and a folder
# others can write into is refused unless the station says it is shared.
. "$(dirname "$0")/lib.sh"
[ "$(id -u)" = 0 ] || { echo "outdir: skipped (needs root to plant links as another user)"; exit 0; }
id wkother >/dev/null 2>&1 || useradd -r -M -s /usr/sbin/nologin wkother ||
    die "cannot create the user wkother"
as_other() { setpriv --reuid=wkother --regid="$(id -g wkother)" --clear-groups -- "$@"; }
chmod 755 "$TMP"

# The decoy: what a link could point at.
mkdir -p "$TMP/decoy/dir"
echo secret >"$TMP/decoy/victim"
echo keep >"$TMP/decoy/dir/a.mp3"
echo keep >"$TMP/decoy/dir/.x.tmp.1"
echo keep >"$TMP/decoy/dir/.y.new.2"
sum_decoy() { (cd "$TMP/decoy" && find . -printf '%p %s %m %l\n' | sort && find . -type f -exec sha256sum {} + | sort); }
before=$(sum_decoy)

cat >"$TMP/tiny.xml" <<X
<bulletin id="tiny" languages="es"><segment id="a"><say xml:lang="es">Hola.</say></segment></bulletin>
X
station() {	# station NAME SHARED CACHE-MB
	sed "s|<feeds dir=\"feeds\"/>|<feeds dir=\"$TOP/examples/feeds\"/><cache size-mb=\"$3\"/><output shared=\"$2\"/>|" \
	    "$TOP/examples/station.xml" >"$TMP/$1.xml"
}
station private no 0
station shared yes 1
O="$TMP/out"
D="$O/$DATE"
run() { "$WK" build -q -c "$TMP/$1.xml" -d "${3:-$DATE}" -o "$O" "$2"; }

expect_rc 0 run private "$TMP/tiny.xml"
# A folder others may write into, or of another user: refused, unless shared.
chmod 1777 "$O"
expect_rc 5 run private "$TMP/tiny.xml"
grep_err "writable by other users.*shared=\"yes\""
chmod 755 "$O"; chown wkother "$O"
expect_rc 5 run private "$TMP/tiny.xml"
grep_err "belongs to another user"
chown root "$O"; chmod 1777 "$O" "$D" "$O/latest"
expect_rc 0 run shared "$TMP/tiny.xml"

# The lock file as a link: not followed, not truncated.
rm -f "$O/.willakuy.lock"
as_other ln -s "$TMP/decoy/victim" "$O/.willakuy.lock"
expect_rc 5 run shared "$TMP/tiny.xml"
grep_err "lock.*symbolic link"
rm "$O/.willakuy.lock"

# A link at the segment folder's final name: the publication is refused,
# the target is not emptied, the previous files stay listed and whole.
mv "$D/tiny-es" "$TMP/tiny-es.old"
as_other ln -s "$TMP/decoy/dir" "$D/tiny-es"
cp "$D/tiny-es.txt" "$TMP/txt.before"
run shared "$TMP/tiny.xml" >"$TMP/out.txt" 2>"$TMP/err.txt"
[ $? -ne 0 ] || die "published through a link at the segment folder"
grep_err "tiny-es: .*not a folder willakuy made"
cmp -s "$D/tiny-es.txt" "$TMP/txt.before" || die "the transcript changed though the folder was not swapped"
rm "$D/tiny-es"; mv "$TMP/tiny-es.old" "$D/tiny-es"
for s in $(grep -v '^#' "$D/tiny-es.m3u"); do [ -s "$D/$s" ] || die "m3u names missing $s"; done

# A dated subfolder that is a link, holding hidden temporaries: the next
# run's cleanup leaves them alone, and a build for that date is refused.
as_other ln -s "$TMP/decoy/dir" "$O/2020-01-01"
expect_rc 0 run shared "$TMP/tiny.xml"
expect_rc 5 run shared "$TMP/tiny.xml" 2020-01-01
grep_err "2020-01-01: error: not a folder willakuy made"

# Journals planted by another user, or not in our format, or naming paths
# outside their folder: never replayed.
printf 'willakuy-journal 2\nrun\tx\nfile\t.a.tmp.1\t../../decoy/victim\n' >"$D/.a.journal"
printf 'run\tx\nfile\t%s\t%s\n' "$TMP/decoy/victim" "$D/stolen" >"$D/.b.journal"
as_other sh -c "printf 'willakuy-journal 2\nrun\tx\ndir\t.c.new.1\tc\n' >'$D/.c.journal'; mkdir '$D/.c.new.1'"
echo planted >"$D/.a.tmp.1"
expect_rc 0 run shared "$TMP/tiny.xml"
[ ! -e "$D/stolen" ] && [ ! -e "$D/c" ] || die "a planted journal was replayed"

# The cache: a folder others may write into is not used at all (a
# warning); in the running user's own, a link among the entries and
# pruning (1 MB limit) never reach the target; a link as the cache folder
# is refused.
chmod 1777 "$O/.cache"
as_other ln -s "$TMP/decoy/dir/a.mp3" "$O/.cache/00000000000000000000000000000000.mp3"
as_other ln -s "$TMP/decoy/victim" "$O/.cache/00000000000000000000000000000000.meta"
head -c 3000000 /dev/urandom >"$O/.cache/ffffffffffffffffffffffffffffffff.mp3"
expect_rc 0 "$WK" build -c "$TMP/shared.xml" -d "$DATE" -o "$O" "$TMP/tiny.xml"
grep_err "\.cache: warning: the cache folder is not willakuy's alone"
[ -e "$O/.cache/ffffffffffffffffffffffffffffffff.mp3" ] || die "a cache others may write was used"
chmod 700 "$O/.cache"
expect_rc 0 run shared "$TMP/tiny.xml"
[ ! -e "$O/.cache/ffffffffffffffffffffffffffffffff.mp3" ] || die "cache not pruned"
mv "$O/.cache" "$TMP/cache.old"
as_other ln -s "$TMP/decoy/dir" "$O/.cache"
expect_rc 5 run shared "$TMP/tiny.xml"
grep_err "cache folder is a symbolic link"
rm "$O/.cache"

# Temporary names cannot be guessed (random, not the pid).
ls -a "$D" "$O/latest" | grep -E '\.(tmp|new)\.' && die "temporary files left"

# -o "": a usage error, no heap over-read (valgrind).
expect_rc 2 valgrind -q --error-exitcode=9 "$WK" build -q -o "" "$TMP/tiny.xml"
grep_err "output folder's name is empty"

# A service user without a home: no audio-system warning in cron's mail.
mkdir -m 755 "$TMP/svc" && chown wkother "$TMP/svc"
chmod 644 "$TMP/tiny.xml" "$TMP/private.xml"
env -i PATH=/usr/bin:/bin HOME=/nonexistent WILLAKUY_DATA="$TOP" LC_ALL=C.UTF-8 \
    setpriv --reuid=wkother --regid="$(id -g wkother)" --clear-groups -- \
    "$WK" build -q -c "$TMP/private.xml" -d "$DATE" -o "$TMP/svc/out" "$TMP/tiny.xml" >"$TMP/out.txt" 2>"$TMP/err.txt" ||
    { cat "$TMP/err.txt"; die "the service user's build failed"; }
[ ! -s "$TMP/err.txt" ] || die "a quiet run printed: $(cat "$TMP/err.txt")"

after=$(sum_decoy)
[ "$before" = "$after" ] || { diff <(echo "$before") <(echo "$after"); die "the decoy changed"; }
echo "outdir: lock, segment-folder, dated-folder, journal and cache links refused; decoy unchanged"
