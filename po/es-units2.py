# Spanish for the messages of the unit table's "spaced" option (units.txt).
T = {
"a unit is 'written forms = m|f|- | singular | plural [| prefix accent alone spaced]'": "una unidad es 'formas escritas = m|f|- | singular | plural [| prefix accent alone spaced]'",
"unknown unit option (the known ones are prefix, accent, alone and spaced)": "opción de unidad desconocida (las conocidas son prefix, accent, alone y spaced)",
}
