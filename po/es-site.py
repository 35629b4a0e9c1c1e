# Messages of a station's site (read/site.c) and of the composer's choice
# of voice by language tag (issue 23).
T = {
"segment '%s': no voice of the station reads news item '%s' (language '%s'); left out": "segmento '%s': ninguna voz de la emisora lee la noticia '%s' (idioma '%s'); se omite",
"item '%s' left out: no voice reads its language": "se omite la noticia '%s': ninguna voz lee su idioma",
}
