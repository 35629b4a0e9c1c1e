# Messages of the fourth round of attacks (issue 26): the kit's folder,
# which the announcer's account may write into too.
T = {
"a symbolic link or a file, not a folder: willakuy writes the kit only into a real folder; remove it": "es un enlace simbólico o un archivo, no una carpeta: willakuy escribe el kit solo en una carpeta de verdad; bórrelo",
"the cache cannot take a segment (is its disk full?): the run goes on without storing them; free some space": "la caché no puede guardar un segmento (¿está lleno su disco?): la ejecución sigue sin guardarlos; libere espacio",
"the cache cannot take a prepared clip (is its disk full?): the run goes on without storing it; free some space": "la caché no puede guardar un audio preparado (¿está lleno su disco?): la ejecución sigue sin guardarlo; libere espacio",
}
