#!/bin/sh
# Makes the example prompts with espeak-ng (a female variant of the qu
# voice, slower), standing in for recordings of a station's presenter.
# A station replaces these files with its own recordings (WAV, FLAC or Ogg,
# any rate) and keeps index.txt in step: "file: the exact words it says".
set -eu
cd "$(dirname "$0")"
while IFS=: read -r file words; do
	case "$file" in ''|'#'*) continue ;; esac
	espeak-ng -v qu+f3 -s 125 -p 60 -w /tmp/prompt.$$.wav "$words"
	# Trim espeak-ng's silence, as an editor would trim a recording.
	sox /tmp/prompt.$$.wav -r 22050 "$file" silence 1 0.02 -45d reverse silence 1 0.02 -45d reverse
done <index.txt
rm -f /tmp/prompt.$$.wav
