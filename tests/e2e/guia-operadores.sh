# The operators' guide (doc/guia-operadores.md) tells the truth: in a copy
# of the Debian package's layout under a test folder (/etc/willakuy with
# the package's station file and bulletins, /var/lib/willakuy/feeds, the
# data of /usr/share/willakuy), each XML block marked
# "<!-- probar: PATH -->" is written to PATH, each sh block marked
# "<!-- probar -->" runs without an error (bash -e, in order, as the
# current user in place of sudo), and each line of a text block marked
# "<!-- muestra -->" is in what the sh block before it printed.
. "$(dirname "$0")/lib.sh"
G="$TOP/doc/guia-operadores.md"
ROOT="$TMP/root"
mkdir -p "$ROOT/etc/willakuy/bulletins" "$ROOT/var/lib/willakuy/feeds" "$TMP/tmp" "$TMP/bin" \
    "$TMP/work" "$TMP/blocks"
# The guide's paths, in the test folder.
map() {
	sed -e "s|/tmp/|$TMP/tmp/|g" -e "s|/etc/willakuy|$ROOT/etc/willakuy|g" \
	    -e "s|/var/lib/willakuy|$ROOT/var/lib/willakuy|g" -e "s|/usr/share/willakuy|$TOP|g" \
	    -e "s|/usr/bin/willakuy|$WK|g" -e 's/sudo -u willakuy //g' -e 's/sudo //g'
}
# What the package installs (debian/rules).
map <"$TOP/examples/etc/willakuy/station.xml" >"$ROOT/etc/willakuy/station.xml"
cp "$TOP"/bulletins/*.xml "$ROOT/etc/willakuy/bulletins/"
cp -r "$TOP/bulletins/clips" "$ROOT/etc/willakuy/bulletins/"
expect_rc 0 "$WK" check "$ROOT/etc/willakuy/station.xml"
# The station's picture, as the guide asks the operator to put it.
ffmpeg -v error -f lavfi -i color=c=0x2b6cb0:s=1400x1400 -frames:v 1 "$ROOT/etc/willakuy/portada.png" ||
    die "ffmpeg png"
ln -s "$WK" "$TMP/bin/willakuy"
export PATH="$TMP/bin:$PATH"
unset LC_ALL LANGUAGE
export LANG=es_PE.UTF-8

# The marked blocks, in order: NN.kind (xml, sh, text) and NN.arg.
python3 - "$G" "$TMP/blocks" <<'P' || die "cannot read the guide's blocks"
import re, sys
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
out, n, i, mark = sys.argv[2], 0, 0, None
while i < len(lines):
    m = re.match(r"^<!-- (probar(?:: (\S+))?|muestra) -->$", lines[i])
    if m:
        mark = ("muestra", "") if m.group(1) == "muestra" else ("probar", m.group(2) or "")
        i += 1
        continue
    f = re.match(r"^```(\w+)$", lines[i])
    if f and mark is not None:
        j = i + 1
        while lines[j] != "```":
            j += 1
        kind = f.group(1)
        want = {"probar": ("xml", "sh"), "muestra": ("text",)}[mark[0]]
        if kind not in want or (kind == "xml") != (mark[1] != ""):
            sys.exit("line %d: a '%s' mark before a %s block" % (i + 1, mark[0], kind))
        n += 1
        open("%s/%02d.%s" % (out, n, kind), "w", encoding="utf-8").write("\n".join(lines[i + 1:j]) + "\n")
        open("%s/%02d.arg" % (out, n), "w", encoding="utf-8").write(mark[1])
        i, mark = j + 1, None
        continue
    if lines[i].strip() != "":
        mark = None
    i += 1
P
nsh=0
nxml=0
ntext=0
last=
for f in "$TMP"/blocks/*.xml "$TMP"/blocks/*.sh "$TMP"/blocks/*.text; do
	[ -e "$f" ] && echo "$f"
done | sort >"$TMP/order.txt"
while read -r f; do
	n=$(basename "$f")
	n=${n%%.*}
	case "$f" in
	*.xml)
		dest=$(map <"$TMP/blocks/$n.arg")
		mkdir -p "$(dirname "$dest")"
		map <"$f" >"$dest"
		nxml=$((nxml + 1))
		;;
	*.sh)
		map <"$f" >"$TMP/blocks/$n.run"
		(cd "$TMP/work" && bash -e "$TMP/blocks/$n.run") >"$TMP/blocks/$n.out" 2>&1 </dev/null ||
		    { cat "$f"; echo "--"; cat "$TMP/blocks/$n.out"; die "the guide's block $n failed"; }
		last=$n
		nsh=$((nsh + 1))
		;;
	*.text)
		[ -n "$last" ] || die "the guide shows output (block $n) before any command"
		while IFS= read -r want; do
			[ -z "$want" ] && continue
			grep -qF -- "$want" "$TMP/blocks/$last.out" ||
			    { cat "$TMP/blocks/$last.run"; echo "--"; cat "$TMP/blocks/$last.out"
			      die "the guide says block $last prints '$want'"; }
		done <"$f"
		ntext=$((ntext + 1))
		;;
	esac
done <"$TMP/order.txt"
[ "$nsh" -ge 7 ] && [ "$nxml" -ge 3 ] && [ "$ntext" -ge 5 ] ||
    die "only $nsh commands, $nxml files and $ntext outputs found in the guide"
# What the commands left: the example day built as the guide says, with
# the picture in the podcast feeds.
[ -s "$TMP/tmp/prueba-willakuy/2026-11-29/precios-manana-qu.mp3" ] || die "the guide's trial built nothing"
cmp -s "$ROOT/etc/willakuy/portada.png" "$TMP/tmp/prueba-willakuy/podcast/artwork.png" ||
    die "the guide's station picture is not in the podcast folder"
echo "guia-operadores: $nsh commands run, $nxml files written, $ntext outputs as shown"
