# What the verbalizer cannot say as meant (issue 25): `check` on a news feed
# and on a bulletin, and `preview`, list each such token with file:line (a
# unit nobody knows, 1,002 with no declared decimal mark, a figure read
# digit by digit), in Spanish under a Spanish locale; a declared
# decimal-mark settles 1,002, and `verbalize -c` follows the station's.
. "$(dirname "$0")/lib.sh"
cd "$TOP"

cat >"$TMP/noticias.xml" <<'X'
<?xml version="1.0" encoding="UTF-8"?>
<news date="2026-11-29">
  <item id="presion" network="agro" date="2026-11-29">
    <headline xml:lang="es">Llantas</headline>
    <text xml:lang="es">Infle las llantas a 180 psi; llegaron 1,002 productores.</text>
  </item>
</news>
X
expect_rc 0 "$WK" check -d "$DATE" "$TMP/noticias.xml"
grep_err "noticias.xml:[45]:[0-9]+: warning: don't know how to say 'psi'"
grep_err "noticias.xml:[45]:[0-9]+: warning: '1,002' is read as thousands"
# Broken on purpose: a text that is understood reports nothing.
sed 's/ a 180 psi; llegaron 1,002 productores/ a S\/ 2.50 el kg, 40 km\/h/' "$TMP/noticias.xml" >"$TMP/ok.xml"
expect_rc 0 "$WK" check -d "$DATE" "$TMP/ok.xml"
! grep -q "how to say\|thousands" "$TMP/err.txt" || die "an understood text was reported"

# The feed declares its decimal mark: 1,002 is settled, psi still is not.
sed 's/<news date/<news decimal-mark="point" date/' "$TMP/noticias.xml" >"$TMP/marked.xml"
expect_rc 0 "$WK" check -d "$DATE" "$TMP/marked.xml"
grep_err "how to say 'psi'"
! grep -q "thousands" "$TMP/err.txt" || die "a declared decimal mark did not settle 1,002"

# In Spanish, as the issue asks it to be said.
(unset LC_ALL LANGUAGE; export LANG=es_PE.UTF-8; expect_rc 0 "$WK" check -d "$DATE" "$TMP/noticias.xml"; grep_err "no sé cómo decir .psi..*añádalo al léxico") || exit 1

# A bulletin's own text, in check and in preview.
sed 's/Hoy, {date}./Hoy, {date}. Presión de 180 psi./' bulletins/noticias-redes.xml >"$TMP/b.xml"
cp -r bulletins/clips "$TMP/clips"
expect_rc 0 "$WK" check -d "$DATE" "$TMP/b.xml"
grep_err "b.xml:[0-9]+:[0-9]+: warning: don't know how to say 'psi'"
"$WK" preview -c examples/station.xml -d "$DATE" -l es "$TMP/b.xml" >"$TMP/out.txt" 2>"$TMP/err.txt" ||
    { cat "$TMP/err.txt" >&2; die "preview failed"; }
grep_err "b.xml:[0-9]+:[0-9]+: warning: don't know how to say 'psi'"
grep -q "pe ese i" "$TMP/out.txt" || die "preview does not spell psi"

# The station's own vocabulary folder teaches it: psi is then a unit, said,
# and no longer reported; its acronyms and abbreviations too.
mkdir -p "$TMP/local/es"
printf 'psi = f | libra por pulgada cuadrada | libras por pulgada cuadrada\n' >"$TMP/local/es/units.txt"
printf 'CCPA = word\n' >"$TMP/local/es/acronyms.txt"
printf 'Asoc. Prod. = asociación de productores\n' >"$TMP/local/es/abbreviations.txt"
WILLAKUY_LOCAL="$TMP/local" expect_rc 0 "$WK" check -d "$DATE" "$TMP/noticias.xml"
! grep -q "psi" "$TMP/err.txt" || die "a unit of the station's folder is still reported"
out=$(echo "La CCPA y la Asoc. Prod. piden 180 psi." | WILLAKUY_LOCAL="$TMP/local" "$WK" verbalize -l es)
[ "$out" = "La Ccpa y la asociación de productores piden ciento ochenta libras por pulgada cuadrada." ] ||
    die "station vocabulary: got '$out'"
# A broken line of that folder is an error with its file and line.
printf 'psi = x | libra\n' >"$TMP/local/es/units.txt"
echo "180 psi" | WILLAKUY_LOCAL="$TMP/local" "$WK" verbalize -l es >/dev/null 2>"$TMP/err.txt" &&
    die "a broken units.txt line was accepted"
grep_err "local/es/units.txt:1:1: error: a unit is"

# verbalize -c: the station's decimal mark.
sed 's/<station /<station decimal-mark="comma" /' bulletins/station/default.xml >"$TMP/st.xml"
sed -i "s|dir=\"../../examples/feeds\"|dir=\"$TOP/examples/feeds\"|" "$TMP/st.xml"
out=$(echo "1,002 kg" | "$WK" verbalize -c "$TMP/st.xml" -l es)
[ "$out" = "uno coma cero cero dos kilos" ] || die "verbalize -c: got '$out'"
out=$(echo "1,002 kg" | "$WK" verbalize -l es)
[ "$out" = "mil dos kilos" ] || die "verbalize without a mark: got '$out'"
echo ok
