# The voices' text files as a Windows editor saves them: a UTF-8 byte order
# mark and CR LF line ends. A station's lexicon.txt and units.txt, a
# voice's gender.txt and prompts/index.txt keep their first entry (the BOM
# used to stick to it, or break the file), and no CR ends up in the last
# field. A file saved as UTF-16 is refused with its name and what to do.
. "$(dirname "$0")/lib.sh"
cd "$TMP"
BOM=$(printf '\357\273\277')

# A station's own vocabulary: voices/es/lexicon.txt and units.txt.
mkdir -p st/voices/es
printf '<station id="s" name="S"><feeds dir="feeds"/></station>\n' >st/station.xml
printf '%szzyzx = sisiks\r\nqwerty = kuerti\r\n' "$BOM" >st/voices/es/lexicon.txt
printf '%szq = m | zequi | zequis\r\nzw = f | zeta | zetas\r\n' "$BOM" >st/voices/es/units.txt
echo "zzyzx qwerty, 3 zq y 21 zw" | "$WK" verbalize -c st/station.xml -l es >out.txt 2>err.txt ||
    { cat err.txt >&2; die "verbalize failed"; }
grep -qx "sisiks kuerti, tres zequis y veintiuna zetas" out.txt ||
    { cat out.txt err.txt >&2; die "the first lexicon or unit entry was lost, or a CR kept"; }

# The shipped voices' files, in a copy of the data folder.
mkdir data && cp -r "$TOP/voices" "$TOP/bulletins" data/ && ln -s "$TOP/locale" data/locale
export WILLAKUY_DATA="$TMP/data"
{ printf '%s' "$BOM"; sed 's/$/\r/' "$TOP/voices/es/gender.txt"; } >data/voices/es/gender.txt
echo "1 vez, 21 reses" | "$WK" verbalize -l es >out.txt 2>err.txt ||
    { cat err.txt >&2; die "a gender.txt with a BOM breaks the voice"; }
grep -qx "una vez, veintiuna reses" out.txt || { cat out.txt >&2; die "gender.txt was misread"; }
# A station's prompts/index.txt whose first line is an entry. Its takes
# are test tones, not the voice: each is named, and refused.
export WILLAKUY_DATA="$TOP"
mkdir -p st/voices/qu/prompts
sox -n -r 22050 -c 1 st/voices/qu/prompts/allin-punchaw.wav synth 0.8 sine 440 vol 0.3
sox -n -r 22050 -c 1 st/voices/qu/prompts/kunan-punchawpa.wav synth 0.8 sine 660 vol 0.3
printf '%sallin-punchaw.wav: allin punchaw\r\nkunan-punchawpa.wav: kunan punchawpa\r\n' "$BOM" \
    >st/voices/qu/prompts/index.txt
printf '<bulletin id="p" languages="qu">\n  <segment id="a"><say xml:lang="qu">Allin punchaw.</say></segment>\n</bulletin>\n' >p.xml
expect_rc 0 "$WK" preview -c st/station.xml -l qu p.xml
grep -q "is missing" "$TMP/err.txt" && die "a prompt of index.txt lost its file name to the BOM"
grep_err "index.txt:1:1: warning: recorded prompt [^ ]*/allin-punchaw.wav cannot be used"
grep_err "index.txt:2:1: warning: recorded prompt [^ ]*/kunan-punchawpa.wav cannot be used"

# UTF-16 (what Notepad once called Unicode): refused, with what to do.
printf 'zzyzx = sisiks\n' | iconv -f UTF-8 -t UTF-16 >st/voices/es/lexicon.txt
echo "zzyzx" | "$WK" verbalize -c st/station.xml -l es >out.txt 2>err.txt && die "a UTF-16 lexicon was read"
grep -q "st/voices/es/lexicon.txt:1:1: error: the file is in UTF-16; save it as UTF-8" err.txt ||
    { cat err.txt >&2; die "no clear error for a UTF-16 lexicon"; }
echo "bom: lexicon, units, gender and prompts read with a BOM and CR LF"
