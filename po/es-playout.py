# Playout and podcast feeds (issue 27): the station's picture and owner,
# the relative-URL warning.
T = {
"larger than 8 MB; podcast directories want a picture of a few hundred kilobytes": "pesa más de 8 MB; los directorios de podcasts piden una imagen de unos cientos de kilobytes",
"not a PNG or JPEG picture": "no es una imagen PNG ni JPEG",
"the podcast feeds go without their picture (<publish artwork>): %s": "los feeds de podcast salen sin su imagen (<publish artwork>): %s",
"the podcast feeds use URLs relative to podcast/: give the station a <publish base-url=\\\"https://...\\\"/> for podcast clients and LibreTime to fetch them, or <publish podcast=\\\"no\\\"/> when it has no podcast": "los feeds de podcast usan URL relativas a podcast/: dé a la emisora un <publish base-url=\\\"https://...\\\"/> para que los clientes de podcast y LibreTime los descarguen, o ponga <publish podcast=\\\"no\\\"/> si no tiene podcast",
"artwork must name the podcast's picture: an https:// address or a PNG or JPEG file beside the station file": "artwork debe indicar la imagen del podcast: una dirección https:// o un archivo PNG o JPEG junto al archivo de la emisora",
"email=\\\"%s\\\" is not an e-mail address; podcast directories show it as the feeds' owner (\\\"prensa@radio.example\\\")": "email=\\\"%s\\\" no es una dirección de correo; los directorios de podcasts la muestran como responsable de los feeds (\\\"prensa@radio.example\\\")",
"podcast must be \\\"yes\\\" (the podcast feeds are written) or \\\"no\\\"": "podcast debe ser \\\"yes\\\" (se escriben los feeds de podcast) o \\\"no\\\"",
}
