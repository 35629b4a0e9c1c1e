# Spanish of the messages about what the listener hears (issue 24): price
# plausibility (read/plausible.c, check, import, the composer), names with
# their articles (catalogue), bulletins with nothing new (build).
T = {
r'%s Bulletins leave it out: correct value=\"...\", or add confirmed=\"yes\" to this <price> if it is right': r'%s Los boletines lo omiten: corrija value=\"...\" o, si el precio es correcto, agregue confirmed=\"yes\" a este <price>',
r'%s It is left out of the bulletins: correct value=\"...\" in the feed, or add confirmed=\"yes\" to this <price> if it is right': r'%s Se omite en los boletines: corrija value=\"...\" en el feed o, si el precio es correcto, agregue confirmed=\"yes\" a este <price>',
r"column '%s' is not read (the columns are fecha, mercado, producto, unidad, precio, anterior and confirmado)": r"la columna '%s' no se lee (las columnas son fecha, mercado, producto, unidad, precio, anterior y confirmado)",
r'confirmed must be \"yes\" (the price is right although it looks like a typo) or left out': r'confirmed debe ser \"yes\" (el precio es correcto aunque parezca un error de digitación) o no ponerse',
r'article=\"%s\" is not one; write el, la, los or las (the article the name takes: \"de la Feria\"), or none (a name said without one)': r'article=\"%s\" no es válido; escriba el, la, los o las (el artículo que lleva el nombre: \"de la Feria\"), o none (un nombre que se dice sin artículo)',
"is the value missing?": "¿falta el valor?",
"is the decimal point missing?": "¿falta el punto decimal?",
"is the decimal point in the wrong place?": "¿el punto decimal está mal puesto?",
"is it the price of another unit (docena, arroba, quintal, saco)?": "¿es el precio de otra unidad (docena, arroba, quintal, saco)?",
"is the figure right?": "¿la cifra es correcta?",
"suspect price: '%s' per %s in market '%s' is %s; %s": "precio sospechoso: '%s' por %s en el mercado '%s' es %s; %s",
"suspect price: '%s' per %s in market '%s' is %s against its previous price, %s": "precio sospechoso: '%s' por %s en el mercado '%s' es %s frente a su precio anterior, %s",
"suspect price: '%s' per %s in market '%s' is %s against %s in the archive on %s": "precio sospechoso: '%s' por %s en el mercado '%s' es %s frente a %s en el archivo del %s",
"%.*f times as much": "%.*f veces más",
"%.*f times less": "%.*f veces menos",
"suspect price of %s left out": "se omitió el precio sospechoso de %s",
"no price of market '%s' in %s can be said today": "hoy no se puede decir ningún precio del mercado '%s' de %s",
"unexpected <%s> in <station>; use feeds, audio, pauses, tags, cache, output, category, history, prices, rivendell, latest, notify, retention, publish or hook": "<%s> no va en <station>; use feeds, audio, pauses, tags, cache, output, category, history, prices, rivendell, latest, notify, retention, publish o hook",
"bulletin '%s' in '%s' has nothing new to say: every segment that reads a feed fell back (%s); it is not published, and latest/ gets what <latest on-failure> says. Put today's feeds in %s and build again": "el boletín '%s' en '%s' no tiene nada nuevo que decir: todos los segmentos que leen un feed dicen su frase de reemplazo (%s); no se publica, y latest/ recibe lo que diga <latest on-failure>. Ponga los feeds de hoy en %s y vuelva a generar",
"would go to air without it (those bulletins do not go to air)": "saldrían al aire sin él (esos boletines no salen al aire)",
"not sí or no": "ni sí ni no",
"suspect price": "precio sospechoso",
"%s: '%s': write sí when the price is right although it looks like a typo, or leave the cell empty": "%s: '%s': escriba sí cuando el precio es correcto aunque parezca un error de digitación, o deje la celda vacía",
"%s: %s Correct the row, or write sí in a column 'confirmado' if the price is right": "%s: %s Corrija la fila o, si el precio es correcto, escriba sí en una columna 'confirmado'",
}
