# Messages of hostile neighbours and hostile data (issue 26): files read
# back from a shared output folder, what a feed may say on the air, and the
# one reader of the voices' text files.
T = {
"the cache folder is not willakuy's alone (owner uid %ld, mode %03o): this run makes every segment again; remove the folder, or run 'chmod go-w' on it if it is yours": "la carpeta de la caché no es solo de willakuy (dueño uid %ld, permisos %03o): esta ejecución vuelve a hacer todos los segmentos; bórrela, o ejecute 'chmod go-w' sobre ella si es suya",
"not a regular file (a FIFO, device or folder); give the path of a text file": "no es un archivo normal (es un FIFO, un dispositivo o una carpeta); dé la ruta de un archivo de texto",
"the line holds a NUL byte; is this a text file saved as UTF-8?": "la línea tiene un byte NUL; ¿es un archivo de texto guardado como UTF-8?",
"the line holds a control character (U+%04X); save the file as plain text": "la línea tiene un carácter de control (U+%04X); guarde el archivo como texto sin formato",
"line too long (over %zu bytes)": "línea demasiado larga (más de %zu bytes)",
"the file is in UTF-16; save it as UTF-8": "el archivo está en UTF-16; guárdelo como UTF-8",
"%s is not willakuy's lock file (not a plain file of this user, or linked elsewhere): remove it": "%s no es el archivo de bloqueo de willakuy (no es un archivo normal de este usuario, o está enlazado en otro lugar): bórrelo",
"%s is not a file willakuy wrote (a link, or another user's): the report leaves it out": "%s no es un archivo que haya escrito willakuy (es un enlace, o es de otro usuario): el informe lo deja fuera",
"%s=\\\"%.24s...\\\" is %zu characters long: %s is said on the air and may have at most %zu (about %d seconds of speech); shorten it": "%s=\\\"%.24s...\\\" tiene %zu caracteres: %s se dice al aire y puede tener a lo más %zu (unos %d segundos de voz); acórtelo",
"a unit": "una unidad",
"a market's name": "el nombre de un mercado",
"a town": "el nombre de un pueblo",
"<%s> is %zu characters long: a news item says at most %zu there (about %d seconds of speech); shorten it": "<%s> tiene %zu caracteres: una noticia dice a lo más %zu ahí (unos %d segundos de voz); acórtelo",
"the item's title is %zu characters long: a news item says at most %d there (about %d seconds of speech); shorten it": "el título de la noticia tiene %zu caracteres: una noticia dice a lo más %d ahí (unos %d segundos de voz); acórtelo",
"the item's text is %zu characters long: a news item says at most %d there (about %d seconds of speech); shorten it": "el texto de la noticia tiene %zu caracteres: una noticia dice a lo más %d ahí (unos %d segundos de voz); acórtelo",
}
