# The Spanish guide for editors (doc/guia-editores.md) tells the truth: its
# XML examples marked "probar" pass willakuy check, and each of its
# "$ echo ... | willakuy verbalize" examples prints what the guide shows.
. "$(dirname "$0")/lib.sh"
G="$TOP/doc/guia-editores.md"

# XML examples.
awk -v dir="$TMP" '
	/^<!-- probar: / { name = $3; next }
	/^```xml/ && name != "" { f = dir "/" name ".xml"; inb = 1; next }
	/^```/ && inb { inb = 0; name = ""; next }
	inb { print > f }' "$G"
[ -s "$TMP/check.xml" ] || die "the guide's bulletin example was not found"
expect_rc 0 "$WK" check -d "$DATE" "$TMP/check.xml"
# The catalogue example: added to a copy of the catalogue, a feed using it.
DATA="$TMP/data"
mkdir -p "$DATA"
cp -r "$TOP/voices" "$TOP/bulletins" "$DATA/"
sed -i "/<product id=\"carne-alpaca\"/r $TMP/catalogo.xml" "$DATA/voices/catalog.xml"
printf '<prices date="%s"><market id="nery-garcia" name="M"><price product="mashua" unit="kg" value="3.00"/></market></prices>\n' \
    "$DATE" >"$TMP/feed.xml"
WILLAKUY_DATA="$DATA" expect_rc 0 "$WK" check -d "$DATE" "$TMP/feed.xml"
expect_rc 3 "$WK" check -d "$DATE" "$TMP/feed.xml"	# not in the shipped catalogue
grep_err "unknown product 'mashua'"
# The article example: a valid catalogue entry, said with "del".
[ -s "$TMP/articulo.xml" ] || die "the guide's article example was not found"
sed -i "/<product id=\"carne-alpaca\"/r $TMP/articulo.xml" "$DATA/voices/catalog.xml"
WILLAKUY_DATA="$DATA" expect_rc 0 "$WK" check "$DATA/voices/catalog.xml"
# The confirmed price passes check; without confirmed="yes" it is suspect.
[ -s "$TMP/confirmado.xml" ] || die "the guide's confirmed price example was not found"
expect_rc 0 "$WK" check -d "$DATE" "$TMP/confirmado.xml"
sed 's/ confirmed="yes"//' "$TMP/confirmado.xml" >"$TMP/sospechoso.xml"
expect_rc 3 "$WK" check -d "$DATE" "$TMP/sospechoso.xml"
grep_err "sospechoso.xml:3:[0-9]+: error: suspect price: 'papa-amarilla' .* is the decimal point missing"

# verbalize examples: "$ echo 'TEXT' | willakuy verbalize -l LANG" and the
# next line.
n=0
while IFS= read -r line; do
	case "$line" in
	'$ echo '*'| willakuy verbalize -l '*)
		text=$(printf '%s\n' "$line" | sed "s/^\$ echo '\(.*\)' | willakuy verbalize -l ..\$/\1/")
		lang=${line##* }
		IFS= read -r want
		got=$(printf '%s\n' "$text" | "$WK" verbalize -l "$lang")
		[ "$got" = "$want" ] || die "guide example ($lang) '$text': the guide says '$want', willakuy says '$got'"
		n=$((n + 1))
		;;
	esac
done <"$G"
[ "$n" -ge 5 ] || die "only $n verbalize examples found in the guide"
echo "guide: bulletin, catalogue, article and confirmed-price examples check; $n verbalize examples match"
