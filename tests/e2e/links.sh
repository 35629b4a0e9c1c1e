# Links in shared input folders: a feed in a feeds folder that others can
# write, or a vocabulary file in a voices/ folder owned by another user, that
# is a link (here to a root-only file) is refused with the file, why and what
# to do, never read through; a link owned by another user is refused in any
# folder; the running user's own link in a folder only it writes still works.
. "$(dirname "$0")/lib.sh"
[ "$(id -u)" -eq 0 ] || { echo "skip: files of another user need root"; exit 77; }
cd "$TMP"
O=65534
B="$TOP/bulletins/precios-manana.xml"
mkdir feeds secret
cp "$TOP/examples/feeds/"*.xml secret/
chmod 0700 secret && chmod 0600 secret/*
sed 's|<feeds dir="feeds"/>|<feeds dir="feeds"/><cache size-mb="0"/>|' "$TOP/examples/station.xml" >st.xml
chk() { "$WK" check -c st.xml -d $DATE "$B" feeds/precios-$DATE.xml; }
REFUSED="cannot open: it is a symbolic link in a folder that other users can write \(or a link made by another user\), and willakuy does not follow such links"

# The operator's own links in a folder only root writes: followed.
chmod 0755 feeds
for f in secret/*; do ln -s "$TMP/$f" feeds/; done
expect_rc 0 chk

# The same folder writable by everyone: a link there is refused.
chmod 1777 feeds
expect_rc 3 chk
grep_err "feeds/precios-$DATE\.xml: error: $REFUSED"
# ... and so is another user's link there.
chown -h $O feeds/precios-$DATE.xml
expect_rc 3 chk
grep_err "feeds/precios-$DATE\.xml: error: $REFUSED"

# A folder only root writes, a link another user owns (lchown): refused.
chmod 0755 feeds
expect_rc 3 chk
grep_err "feeds/precios-$DATE\.xml: error: $REFUSED"
# A plain file in a shared folder is read as before.
rm feeds/precios-$DATE.xml && cp secret/precios-$DATE.xml feeds/ && chmod 1777 feeds
expect_rc 0 chk

# A folder owned by another user (voices/es beside the station file) with a
# lexicon that links to a root-only file: refused, and the lexicon is named.
mkdir -p voices/es
printf 'Wamanga = Huamanga\n' >secret/lexicon.txt && chmod 0600 secret/lexicon.txt
ln -s "$TMP/secret/lexicon.txt" voices/es/lexicon.txt
expect_rc 0 chk
chown $O voices/es
expect_rc 3 chk
grep_err "voices/es/lexicon\.txt: error: $REFUSED"
# The Spanish message.
env -u LC_ALL LANG=es_PE.UTF-8 "$WK" check -c st.xml -d $DATE "$B" feeds/precios-$DATE.xml 2>err.txt
grep_err "voices/es/lexicon\.txt: error: no se puede abrir: es un enlace simbólico"
chown 0 voices/es
expect_rc 0 chk

# A clip named by a bulletin, in a world-writable folder, as a link.
mkdir clips && chmod 1777 clips
sox -n -r 44100 -c 1 secret/j.wav synth 0.5 sine 440 2>/dev/null || die "sox"
chmod 0600 secret/j.wav
ln -s "$TMP/secret/j.wav" clips/j.wav
printf '<bulletin id="t" languages="es"><segment id="x"><clip src="%s"/><say xml:lang="es">Hola.</say></segment></bulletin>\n' "$TMP/clips/j.wav" >t.xml
"$WK" check -c st.xml -d $DATE t.xml >out.txt 2>err.txt
grep_err "clips/j\.wav.*(it is a symbolic link in a folder that other users can write|no such)"
exit 0
