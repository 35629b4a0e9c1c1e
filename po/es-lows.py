# Spanish for the low findings of the third attack round (issue 26): links
# in shared input folders, station ids that are the output folder's own
# names, the lock's holder, the pauses of a segment, the size of news feeds.
T = {
"it is a symbolic link in a folder that other users can write (or a link made by another user), and willakuy does not follow such links: copy the file itself there, or link from a folder only you can write": "es un enlace simbólico en una carpeta donde otros usuarios pueden escribir (o un enlace creado por otro usuario), y willakuy no sigue esos enlaces: copie allí el archivo mismo, o enlácelo desde una carpeta donde solo usted pueda escribir",
}
