# Messages of the fourth round of attacks (issue 26): the kit's folder,
# which the announcer's account may write into too.
T = {
"a symbolic link or a file, not a folder: willakuy writes the kit only into a real folder; remove it": "es un enlace simbólico o un archivo, no una carpeta: willakuy escribe el kit solo en una carpeta de verdad; bórrelo",
"the cache cannot take a segment (is its disk full?): the run goes on without storing them; free some space": "la caché no puede guardar un segmento (¿está lleno su disco?): la ejecución sigue sin guardarlos; libere espacio",
"the cache cannot take a prepared clip (is its disk full?): the run goes on without storing it; free some space": "la caché no puede guardar un audio preparado (¿está lleno su disco?): la ejecución sigue sin guardarlo; libere espacio",
"news item '%s' would last about %d seconds when its figures and symbols are said in words (a news item says at most %d); write it with fewer figures and symbols, or shorten it; this news item is left out, the others are read": "la noticia '%s' duraría unos %d segundos al decir en palabras sus cifras y símbolos (una noticia dice como máximo %d); escríbala con menos cifras y símbolos, o acórtela; esta noticia se deja fuera, las demás se leen",
"item '%s' left out: too long when spoken": "noticia '%s' fuera: demasiado larga al decirla",
}
