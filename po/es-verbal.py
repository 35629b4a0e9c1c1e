# Spanish for the messages of the verbalizer's data and of what check and
# preview say about text it cannot say as meant (issue 25).
T = {
"'%.*s' can only be read digit by digit; write the figure as it should be said": "'%.*s' solo se puede leer cifra por cifra; escriba la cifra como debe decirse",
"'%.*s' is read as thousands; if the mark is a decimal one, declare decimal-mark=\\\"comma\\\" or \\\"point\\\" on the feed or the station": "'%.*s' se lee como miles; si la marca es decimal, declare decimal-mark=\\\"comma\\\" o \\\"point\\\" en el feed o en la emisora",
"don't know how to say '%.*s' (it is spelled); add it to the station's lexicon or units": "no sé cómo decir '%.*s' (se deletrea); añádalo al léxico o a las unidades de la estación",
"don't know how to say '%.*s' (it is left out); write it as words": "no sé cómo decir '%.*s' (se omite); escríbalo en palabras",
"<numbers> needs both suffix-vowel and suffix-consonant, or neither": "<numbers> necesita suffix-vowel y suffix-consonant a la vez, o ninguno",
"expected 'written forms = what to say'": "se esperaba 'formas escritas = lo que se dice'",
"nothing written left of '='": "no hay nada escrito a la izquierda de '='",
"nothing to say right of '='": "no hay nada que decir a la derecha de '='",
"the per line says where the unit goes with {unit}: per / = por {unit}": "la línea per indica con {unit} dónde va la unidad: per / = por {unit}",
"a unit is 'written forms = m|f|- | singular | plural [| prefix accent alone]'": "una unidad es 'formas escritas = m|f|- | singular | plural [| prefix accent alone]'",
"unknown unit option (the known ones are prefix, accent and alone)": "opción de unidad desconocida (las conocidas son prefix, accent y alone)",
"a currency is 'symbols and codes = m|f|- | singular | plural [| m|f|- | hundredth | hundredths]'": "una moneda es 'símbolos y códigos = m|f|- | singular | plural [| m|f|- | centésimo | centésimos]'",
"line too long (over 1000 bytes)": "línea demasiado larga (más de 1000 bytes)",
"the line is not valid UTF-8; save the file as UTF-8": "la línea no es UTF-8 válido; guarde el archivo como UTF-8",
"cannot open: %s": "no se puede abrir: %s",
"cannot read: %s": "no se puede leer: %s",
"verbalize needs -l es or -l qu": "verbalize necesita -l es o -l qu",
}
