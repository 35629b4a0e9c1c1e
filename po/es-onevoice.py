# Messages about where a station's recordings live (issue 24 item 3: only
# the station's own recordings are spliced): `willakuy kit` and preview.
T = {
"# Recorded prompts of the %s voice, made by `willakuy kit`: \\\"file: the exact words it says\\\".\\n# Record each line in your announcer's voice (WAV, FLAC or Ogg) under its file name, in\\n# this folder; a .final take is said at the end of a list (falling voice).\\n# Then copy the folder, this index with it, to %s\\n# (the station's own folder: no other recording is ever spliced). Missing files are synthesized.\\n":
"# Grabaciones de la voz %s, hechas por `willakuy kit`: \\\"archivo: las palabras exactas que dice\\\".\\n# Grabe cada línea con la voz de su locutor (WAV, FLAC u Ogg) con su nombre de archivo, en\\n# esta carpeta; la toma .final se dice al final de una lista (voz que cae).\\n# Luego copie la carpeta, con este índice, a %s\\n# (la carpeta propia de la emisora: nunca se usa otra grabación). Lo que falte se sintetiza.\\n",
"# Recording script, %s (%s): %zu takes, %u s of speech in these bulletins\\n":
"# Guion de grabación, %s (%s): %zu tomas, %u s de voz en estos boletines\\n",
"# The takes and their index.txt go in %s\\n":
"# Las tomas y su index.txt van en %s\\n",
"# seconds  file  position  words\\n":
"# segundos  archivo  posición  palabras\\n",
"the station has no folder of its own for recordings: give its file with -c, or set WILLAKUY_LOCAL to a folder":
"la emisora no tiene carpeta propia para sus grabaciones: indique su archivo con -c o ponga una carpeta en WILLAKUY_LOCAL",
"# recordings: %zu takes of %s, %zu refused\\n":
"# grabaciones: %zu tomas de %s, %zu rechazadas\\n",
}
