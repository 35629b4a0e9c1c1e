# Messages of the fourth round of attacks (issue 26): the kit's folder,
# which the announcer's account may write into too.
T = {
"a symbolic link or a file, not a folder: willakuy writes the kit only into a real folder; remove it": "es un enlace simbólico o un archivo, no una carpeta: willakuy escribe el kit solo en una carpeta de verdad; bórrelo",
}
