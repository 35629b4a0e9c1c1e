# Spanish for the low findings of the third attack round (issue 26): links
# in shared input folders, station ids that are the output folder's own
# names, the lock's holder, the pauses of a segment, the size of news feeds.
T = {
"it is a symbolic link in a folder that other users can write (or a link made by another user), and willakuy does not follow such links: copy the file itself there, or link from a folder only you can write": "es un enlace simbólico en una carpeta donde otros usuarios pueden escribir (o un enlace creado por otro usuario), y willakuy no sigue esos enlaces: copie allí el archivo mismo, o enlácelo desde una carpeta donde solo usted pueda escribir",
"the news feed is %lld bytes, more than the %u bytes willakuy accepts for news (a news feed is read whole, which takes about 22 times its size in memory; a day's news is some kilobytes): check that it is the right file, or split it into several feeds": "el feed de noticias tiene %lld bytes, más de los %u bytes que willakuy acepta para noticias (un feed de noticias se lee entero, y eso ocupa unas 22 veces su tamaño en memoria; las noticias de un día ocupan algunos kilobytes): verifique que sea el archivo correcto, o divídalo en varios feeds",
}
