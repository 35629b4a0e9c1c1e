#!/bin/sh
# Makes an EXAMPLE kit of recorded prompts for one language: the takes
# `willakuy kit` lists for the example price bulletin, "recorded" with
# espeak-ng in the voice itself at a higher pitch (KIT_PITCH above the
# voice's, default 24: about 4.5 semitones), so that the kit can be told
# from the synthesized voice and is still the same speaker (willakuy
# refuses a take more than 7 semitones off the voice: another speaker).
# Nothing like it is shipped: a station records the same index.txt with
# its own announcer, and only a station's own kit is ever spliced.
#   examples/kit/make-kit.sh LANG FOLDER [WILLAKUY]
# writes FOLDER/LANG/prompts/index.txt and its WAV files (22.05 kHz mono),
# laid out as a station's vocabulary folder holds them: hear it with
# WILLAKUY_LOCAL=FOLDER, or with FOLDER being voices/ beside a station file.
set -eu
lang=$1 out=$2 wk=${3:-./willakuy}
tmp=$(mktemp /tmp/wk-kit.XXXXXX)
tmpd=$(mktemp -d /tmp/wk-kit.XXXXXX)
trap 'rm -rf "$tmp" "$tmpd"' EXIT
"$wk" kit -q -l "$lang" -c examples/station.xml -d 2026-11-29 -o "$tmpd" \
    bulletins/precios-manana.xml >/dev/null
mkdir -p "$out/$lang"
rm -rf "$out/$lang/prompts"
mv "$tmpd/$lang" "$out/$lang/prompts"
cd "$out/$lang/prompts"
set -- $(sed -n 's/^# espeak: //p' index.txt)
voice=$1 rate=$2 pitch=$(( $3 + ${KIT_PITCH:-24} ))
while IFS=: read -r file words; do
	case "$file" in ''|'#'*) continue ;; esac
	# A list-final take ends with a full stop (falling voice), the others
	# with a comma (the list goes on).
	case "$file" in *.final.*) p=. ;; *) p=, ;; esac
	espeak-ng -v "$voice" -s "$rate" -p "$pitch" -w "$tmp" "${words# }$p"
	sox -q "$tmp" -r 22050 "$file" silence 1 0.01 -45d reverse silence 1 0.01 -45d reverse
done <index.txt
