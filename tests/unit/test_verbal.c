/*
 * Table tests of the verbalizer and the number grammars, against the
 * voices shipped in voices/. Each row is {language, written, spoken}; a
 * failing row prints both. The worked values of the language issue are
 * all here.
 */

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "buf.h"
#include "err.h"
#include "numword.h"
#include "verbal.h"
#include "voice.h"
#include "xmlio.h"

struct row {
	const char *lang, *in, *out;
};

static const struct row rows[] = {
	/* Spanish cardinals per RAE. */
	{ "es", "0", "cero" },
	{ "es", "1", "uno" },
	{ "es", "15", "quince" },
	{ "es", "16", "dieciséis" },
	{ "es", "20", "veinte" },
	{ "es", "21", "veintiuno" },
	{ "es", "22", "veintidós" },
	{ "es", "23", "veintitrés" },
	{ "es", "26", "veintiséis" },
	{ "es", "30", "treinta" },
	{ "es", "31", "treinta y uno" },
	{ "es", "45", "cuarenta y cinco" },
	{ "es", "99", "noventa y nueve" },
	{ "es", "100", "cien" },
	{ "es", "101", "ciento uno" },
	{ "es", "110", "ciento diez" },
	{ "es", "125", "ciento veinticinco" },
	{ "es", "200", "doscientos" },
	{ "es", "500", "quinientos" },
	{ "es", "555", "quinientos cincuenta y cinco" },
	{ "es", "700", "setecientos" },
	{ "es", "900", "novecientos" },
	{ "es", "999", "novecientos noventa y nueve" },
	{ "es", "1000", "mil" },
	{ "es", "1001", "mil uno" },
	{ "es", "2026", "dos mil veintiséis" },
	{ "es", "21000", "veintiún mil" },
	{ "es", "100000", "cien mil" },
	{ "es", "101000", "ciento un mil" },
	{ "es", "999999", "novecientos noventa y nueve mil novecientos noventa y nueve" },
	{ "es", "1000000", "un millón" },
	{ "es", "1250000", "un millón doscientos cincuenta mil" },
	/* Thousands grouped by spaces, as the SI and Peru's norms write them. */
	{ "es", "1 250 000", "un millón doscientos cincuenta mil" },
	{ "es", "21 000 kg", "veintiún mil kilos" },
	{ "es", "2 500 000 soles", "dos millones quinientos mil soles" },
	{ "es", "1\u00a0000\u00a0000 t", "un millón de toneladas" },
	{ "es", "S/ 1 250,50", "mil doscientos cincuenta soles con cincuenta céntimos" },
	{ "es", "2026 100 personas", "dos mil veintiséis cien personas" },
	{ "es", "066 312 345", "cero seis seis, tres uno dos, tres cuatro cinco" },
	{ "es", "01-345-6789", "cero uno, tres cuatro cinco, seis siete ocho nueve" },
	{ "es", "066-31-2345", "cero seis seis, tres uno, dos tres cuatro cinco" },
	{ "es", "09 12 2026", "nueve doce dos mil veintiséis" },
	{ "es", "2000000", "dos millones" },
	{ "es", "21000000", "veintiún millones" },
	{ "es", "999999999", "novecientos noventa y nueve millones novecientos noventa y nueve mil novecientos noventa y nueve" },
	{ "es", "1,250", "mil doscientos cincuenta" },
	{ "es", "1.250", "mil doscientos cincuenta" },
	{ "es", "1,000,000", "un millón" },
	/* Agreement with the noun. */
	{ "es", "1 kg", "un kilo" },
	{ "es", "21 kg", "veintiún kilos" },
	{ "es", "31 kg", "treinta y un kilos" },
	{ "es", "101 kg", "ciento un kilos" },
	{ "es", "1 @", "una arroba" },
	{ "es", "21 @", "veintiuna arrobas" },
	{ "es", "21 arrobas", "veintiuna arrobas" },
	{ "es", "200 t", "doscientas toneladas" },
	{ "es", "1 t", "una tonelada" },
	{ "es", "5 qq", "cinco quintales" },
	{ "es", "1 qq", "un quintal" },
	{ "es", "3 sacos", "tres sacos" },
	{ "es", "1 docena", "una docena" },
	{ "es", "2 l", "dos litros" },
	{ "es", "1 unidad", "una unidad" },
	{ "es", "31 cajas", "treinta y una cajas" },
	{ "es", "1 atado", "un atado" },
	{ "es", "250 g", "doscientos cincuenta gramos" },
	{ "es", "3kg", "tres kilos" },
	{ "es", "2.5 kg", "dos coma cinco kilos" },
	{ "es", "1,000,000 kg", "un millón de kilos" },
	{ "es", "2000000 personas", "dos millones de personas" },
	{ "es", "1250000 soles", "un millón doscientos cincuenta mil soles" },
	{ "es", "21 personas", "veintiuna personas" },
	{ "es", "21 años", "veintiún años" },
	{ "es", "1 feria", "una feria" },
	{ "es", "21 días", "veintiún días" },
	{ "es", "200 familias", "doscientas familias" },
	{ "es", "el 21 de mayo", "el veintiuno de mayo" },
	{ "es", "21.", "veintiuno." },
	/* Money. */
	{ "es", "S/ 2.50", "dos soles con cincuenta céntimos" },
	{ "es", "S/ 1.00", "un sol" },
	{ "es", "S/ 0.50", "cincuenta céntimos" },
	{ "es", "S/ 0.01", "un céntimo" },
	{ "es", "S/ 1,250.00", "mil doscientos cincuenta soles" },
	{ "es", "S/ 1,000,000.00", "un millón de soles" },
	{ "es", "S/ 2,50", "dos soles con cincuenta céntimos" },
	{ "es", "S/. 2.50", "dos soles con cincuenta céntimos" },
	{ "es", "S/ 1,234.50", "mil doscientos treinta y cuatro soles con cincuenta céntimos" },
	{ "es", "S/ 1.234,50", "mil doscientos treinta y cuatro soles con cincuenta céntimos" },
	{ "es", "S/ 21.00", "veintiún soles" },
	{ "es", "S/ 31", "treinta y un soles" },
	{ "es", "S/ 2.5", "dos soles con cincuenta céntimos" },
	{ "es", "S/2.50", "dos soles con cincuenta céntimos" },
	{ "es", "S/ 3.20 el kg", "tres soles con veinte céntimos el kilo" },
	{ "es", "S/ 3.20 por kg", "tres soles con veinte céntimos por kilo" },
	{ "es", "S/ 3.20/kg", "tres soles con veinte céntimos el kilo" },
	{ "es", "S/ 25.00/unidad", "veinticinco soles la unidad" },
	{ "es", "S/ 21.00/@", "veintiún soles la arroba" },
	{ "es", "S/ 150/qq", "ciento cincuenta soles el quintal" },
	{ "es", "S/ 1.00/docena", "un sol la docena" },
	{ "es", "S/ 2,50 el kg", "dos soles con cincuenta céntimos el kilo" },
	{ "es", "S/ 3.20 c/u", "tres soles con veinte céntimos cada uno" },
	{ "es", "1200000 soles", "un millón doscientos mil soles" },
	{ "es", "2026-09-01", "martes primero de setiembre de dos mil veintiséis" },
	{ "es", "00:30", "doce y treinta de la noche" },
	{ "es", "3,5%", "tres coma cinco por ciento" },
	/* Percentages. */
	{ "es", "15%", "quince por ciento" },
	{ "es", "3.5%", "tres coma cinco por ciento" },
	{ "es", "21%", "veintiuno por ciento" },
	{ "es", "100 %", "cien por ciento" },
	{ "es", "0.5%", "cero coma cinco por ciento" },
	/* Dates and times. */
	{ "es", "2026-11-29", "domingo veintinueve de noviembre de dos mil veintiséis" },
	{ "es", "2026-12-01", "martes primero de diciembre de dos mil veintiséis" },
	{ "es", "2026-09-15", "martes quince de setiembre de dos mil veintiséis" },
	{ "es", "29/11/2026", "domingo veintinueve de noviembre de dos mil veintiséis" },
	{ "es", "el 1 de mayo", "el primero de mayo" },
	{ "es", "06:00", "seis de la mañana" },
	{ "es", "13:15", "una y quince de la tarde" },
	{ "es", "12:00", "doce del mediodía" },
	{ "es", "20:00", "ocho de la noche" },
	{ "es", "00:00", "doce de la noche" },
	{ "es", "03:30", "tres y treinta de la madrugada" },
	{ "es", "6 a. m.", "seis de la mañana." },
	{ "es", "6 a. m. en punto", "seis de la mañana en punto" },
	{ "es", "3 p.m.", "tres de la tarde." },
	{ "es", "6:30 am", "seis y treinta de la mañana" },
	{ "es", "18:00 horas", "seis de la tarde" },
	/* Ordinals, ranges, signs. */
	{ "es", "1er puesto", "primer puesto" },
	{ "es", "la 2da feria", "la segunda feria" },
	{ "es", "3er lugar", "tercer lugar" },
	{ "es", "1° de mayo", "primero de mayo" },
	{ "es", "10-12 kg", "diez a doce kilos" },
	{ "es", "-5 grados", "menos cinco grados" },
	{ "es", "20 °C", "veinte grados" },
	/* Fractions, phones, dollars, noon. */
	{ "es", "1/2 kg de queso", "medio kilo de queso" },
	{ "es", "1/2 arroba", "media arroba" },
	{ "es", "1/4 kg", "un cuarto de kilo" },
	{ "es", "3/4 de kilo", "tres cuartos de kilo" },
	{ "es", "1/2", "un medio" },
	{ "es", "Llame al 966 123 456", "Llame al nueve seis seis, uno dos tres, cuatro cinco seis" },
	{ "es", "966-123-456", "nueve seis seis, uno dos tres, cuatro cinco seis" },
	{ "es", "US$ 100.50", "cien dólares con cincuenta centavos" },
	{ "es", "$ 1", "un dólar" },
	{ "es", "a las 12 m.", "a las doce del mediodía" },
	{ "es", "12 m de altura", "doce metros de altura" },
	{ "es", "1/2/2026", "domingo primero de febrero de dos mil veintiséis" },
	{ "es", "Km 15", "kilómetro quince" },
	/* Abbreviations, acronyms, symbols. */
	{ "es", "Av. Cáceres", "avenida Cáceres" },
	{ "es", "Jr. Lima", "jirón Lima" },
	{ "es", "Dr. Pérez", "doctor Pérez" },
	{ "es", "Sra. Quispe", "señora Quispe" },
	{ "es", "CCA", "ce ce a" },
	{ "es", "la ONG", "la o ene ge" },
	{ "es", "SENASA", "Senasa" },
	{ "es", "el kg", "el kilo" },
	{ "es", "N° 5", "número cinco" },
	{ "es", "papa & oca", "papa y oca" },
	{ "es", "etc.", "etcétera." },
	{ "es", "km 5", "kilómetro cinco" },
	{ "es", "a 15 km", "a quince kilómetros" },

	/* Quechua cardinals (Chanka). */
	{ "qu", "0", "chusaq" },
	{ "qu", "1", "huk" },
	{ "qu", "2", "iskay" },
	{ "qu", "3", "kimsa" },
	{ "qu", "4", "tawa" },
	{ "qu", "5", "pichqa" },
	{ "qu", "6", "suqta" },
	{ "qu", "7", "qanchis" },
	{ "qu", "8", "pusaq" },
	{ "qu", "9", "isqun" },
	{ "qu", "10", "chunka" },
	{ "qu", "11", "chunka hukniyuq" },
	{ "qu", "12", "chunka iskayniyuq" },
	{ "qu", "13", "chunka kimsayuq" },
	{ "qu", "14", "chunka tawayuq" },
	{ "qu", "15", "chunka pichqayuq" },
	{ "qu", "16", "chunka suqtayuq" },
	{ "qu", "17", "chunka qanchisniyuq" },
	{ "qu", "18", "chunka pusaqniyuq" },
	{ "qu", "19", "chunka isqunniyuq" },
	{ "qu", "20", "iskay chunka" },
	{ "qu", "21", "iskay chunka hukniyuq" },
	{ "qu", "29", "iskay chunka isqunniyuq" },
	{ "qu", "30", "kimsa chunka" },
	{ "qu", "99", "isqun chunka isqunniyuq" },
	{ "qu", "100", "pachak" },
	{ "qu", "101", "pachak hukniyuq" },
	{ "qu", "110", "pachak chunka" },
	{ "qu", "125", "pachak iskay chunka pichqayuq" },
	{ "qu", "200", "iskay pachak" },
	{ "qu", "365", "kimsa pachak suqta chunka pichqayuq" },
	{ "qu", "1000", "waranqa" },
	{ "qu", "1001", "waranqa hukniyuq" },
	{ "qu", "1100", "waranqa pachak" },
	{ "qu", "2000", "iskay waranqa" },
	{ "qu", "2026", "iskay waranqa iskay chunka suqtayuq" },
	{ "qu", "11000", "chunka hukniyuq waranqa" },
	{ "qu", "1000000", "hunu" },
	{ "qu", "1250000", "hunu iskay pachak pichqa chunka waranqa" },
	{ "qu", "1 250 000", "hunu iskay pachak pichqa chunka waranqa" },
	{ "qu", "11 000", "chunka hukniyuq waranqa" },
	{ "qu", "066 312 345", "chusaq suqta suqta, kimsa huk iskay, kimsa tawa pichqa" },
	{ "qu", "3200000", "kimsa hunu iskay pachak waranqa" },
	{ "qu", "40", "tawa chunka" },
	{ "qu", "57", "pichqa chunka qanchisniyuq" },
	{ "qu", "63", "suqta chunka kimsayuq" },
	{ "qu", "88", "pusaq chunka pusaqniyuq" },
	{ "qu", "111", "pachak chunka hukniyuq" },
	{ "qu", "120", "pachak iskay chunka" },
	{ "qu", "199", "pachak isqun chunka isqunniyuq" },
	{ "qu", "505", "pichqa pachak pichqayuq" },
	{ "qu", "999", "isqun pachak isqun chunka isqunniyuq" },
	{ "qu", "1010", "waranqa chunka" },
	{ "qu", "1500", "waranqa pichqa pachak" },
	{ "qu", "10000", "chunka waranqa" },
	{ "qu", "12500", "chunka iskayniyuq waranqa pichqa pachak" },
	{ "qu", "100000", "pachak waranqa" },
	{ "qu", "2000000", "iskay hunu" },
	/* No plural after a numeral; money; units. */
	{ "qu", "S/ 2.50", "iskay sulis pichqa chunka sentimu" },
	{ "qu", "S/ 1.00", "huk sul" },
	{ "qu", "S/ 0.50", "pichqa chunka sentimu" },
	{ "qu", "S/ 25.00", "iskay chunka pichqayuq sulis" },
	{ "qu", "S/ 3.20/kg", "huk kilu kimsa sulis iskay chunka sentimu" },
	{ "qu", "2 kg", "iskay kilu" },
	{ "qu", "5 qq", "pichqa kintal" },
	{ "qu", "3 @", "kimsa arruba" },
	{ "qu", "2 t", "iskay tunilada" },
	{ "qu", "1 docena", "huk dusina" },
	{ "qu", "4 l", "tawa litru" },
	{ "qu", "15%", "chunka pichqayuq pur siyintu" },
	{ "qu", "S/ 1,250.00", "waranqa iskay pachak pichqa chunka sulis" },
	{ "qu", "S/ 1,000,000.00", "hunu sulis" },
	{ "qu", "S/ 2,50", "iskay sulis pichqa chunka sentimu" },
	{ "qu", "S/. 3.00", "kimsa sulis" },
	{ "qu", "S/ 0.05", "pichqa sentimu" },
	/* Spanish "el" and "por" between price and unit are not read. */
	{ "qu", "S/ 3.20 el kg", "huk kilu kimsa sulis iskay chunka sentimu" },
	{ "qu", "S/ 3.20 por kg", "huk kilu kimsa sulis iskay chunka sentimu" },
	{ "qu", "S/ 11.00 el qq", "huk kintal chunka hukniyuq sulis" },
	{ "qu", "S/ 3 porque", "kimsa sulis purki" },
	{ "qu", "S/ 3.20 c/u", "kimsa sulis iskay chunka sentimu sapanka" },
	{ "qu", "5 sacos", "pichqa saku" },
	{ "qu", "3 cajas", "kimsa kaha" },
	{ "qu", "2 atados", "iskay atadu" },
	{ "qu", "500 g", "pichqa pachak gramu" },
	{ "qu", "3.5%", "kimsa kuma pichqa pur siyintu" },
	{ "qu", "21%", "iskay chunka hukniyuq pur siyintu" },
	/* Dates and times. */
	{ "qu", "2026-11-29", "Dumingu, iskay chunka isqunniyuq punchawpi, Nuwimri killapi, iskay waranqa iskay chunka suqtayuq watapi" },
	{ "qu", "2026-12-01", "Martis, huk punchawpi, Disimri killapi, iskay waranqa iskay chunka suqtayuq watapi" },
	{ "qu", "06:00", "suqta ura tutamanta" },
	{ "qu", "13:15", "huk ura chunka pichqayuq minutu chisinpi" },
	{ "qu", "12:00", "chunka iskayniyuq ura chawpi punchawpi" },
	{ "qu", "20:00", "pusaq ura tutapi" },
	{ "qu", "06:45", "suqta ura tawa chunka pichqayuq minutu tutamanta" },
	{ "qu", "2026-01-01", "Huybis, huk punchawpi, Iniru killapi, iskay waranqa iskay chunka suqtayuq watapi" },
	{ "qu", "2026-09-15", "Martis, chunka pichqayuq punchawpi, Sitimri killapi, iskay waranqa iskay chunka suqtayuq watapi" },
	{ "qu", "2026-07-28", "Martis, iskay chunka pusaqniyuq punchawpi, Huliyu killapi, iskay waranqa iskay chunka suqtayuq watapi" },
	{ "qu", "10-12 kg", "chunkamanta chunka iskayniyuq kilukama" },
	{ "qu", "1/2 kg", "chawpi kilu" },
	{ "qu", "US$ 2.50", "iskay dularis pichqa chunka sentawu" },
	{ "qu", "966 123 456", "isqun suqta suqta, huk iskay kimsa, tawa pichqa suqta" },
	/* Respelling for the qu voice: lexicon, then rules. */
	{ "qu", "Ayacucho", "Ayakuchu" },
	{ "qu", "Huamanga", "Wamanga" },
	{ "qu", "Huanta", "Wanta" },
	{ "qu", "ch'aki", "chaki" },
	{ "qu", "p'unchay", "punchay" },
	{ "qu", "Mercado", "Mirkadu" },
	{ "qu", "queso", "kisu" },
	{ "qu", "Cangallo", "Kangallu" },
	{ "qu", "Vilcashuamán", "Wilkaswaman" },
	{ "qu", "Vicente", "Bisinti" },
	{ "qu", "cerámica", "siramika" },
	{ "qu", "zapallo", "sapallu" },
	{ "qu", "CCA", "si si a" },
	{ "qu", "Vilcas", "Wilkas" },
	{ "qu", "Quispe", "Kispi" },
	{ "qu", "ch'uspa", "chuspa" },
	{ "qu", "Av. Mariscal Cáceres", "abinida Mariskal Kasiris" },
	{ "qu", "Sr. Quispe", "wiraqucha Kispi" },
	{ "qu", "Dr. Huamán", "duktur Waman" },
	{ "qu", "allin punchaw", "allin punchaw" },
	{ "qu", "imaynallam kachkankichik?", "imaynallam kachkankichik?" },
};

static struct wk_voiceset voices;

static void
test_rows(void **state)
{
	size_t i, failed = 0;

	(void)state;
	for (i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		struct wk_diags d;
		struct wk_err err;
		struct wk_voice *v;
		struct wk_buf b = WK_BUF_INIT;

		wk_diags_init(&d, stderr);
		v = wk_voiceset_get(&voices, rows[i].lang, &d, &err);
		wk_diags_free(&d);
		assert_non_null(v);
		assert_int_equal(wk_verbalize(v, rows[i].in, &b), 0);
		if (strcmp(wk_buf_str(&b), rows[i].out) != 0) {
			fprintf(stderr, "row %zu (%s) \"%s\"\n  want \"%s\"\n  got  \"%s\"\n",
			    i, rows[i].lang, rows[i].in, rows[i].out, wk_buf_str(&b));
			failed++;
		}
		wk_buf_free(&b);
	}
	fprintf(stderr, "%zu verbalizer rows, %zu failed\n",
	    sizeof rows / sizeof rows[0], failed);
	assert_int_equal(failed, 0);
}

/* No digit, currency sign or unit symbol survives, in either language. */
static void
test_no_symbols(void **state)
{
	static const char *texts[] = {
		"S/ 3.20/kg y 15% de 1,250 @ el 2026-11-29 a las 06:00; 5 qq.",
		"Del 4 al 6 de diciembre, 60 artesanos; S/. 0.50 c/u; 3.5% más.",
		"Precio: S/ 1.234,50 por 2 t (N° 7) 10-12 kg -5 °C 1er 2da",
		"9999999999999 99.999.99 1/2 3:15 12:60 #4 +5 @ & %",
	};
	const char *langs[] = { "es", "qu" };
	size_t i, l;

	(void)state;
	for (l = 0; l < 2; l++)
		for (i = 0; i < sizeof texts / sizeof texts[0]; i++) {
			struct wk_err err;
			struct wk_voice *v = wk_voiceset_get(&voices, langs[l], NULL,
			    &err);
			struct wk_buf b = WK_BUF_INIT;
			const char *p;

			assert_non_null(v);
			wk_verbalize(v, texts[i], &b);
			for (p = wk_buf_str(&b); *p; p++)
				if ((*p >= '0' && *p <= '9') || *p == '%' || *p == '/' ||
				    *p == '@' || *p == '$') {
					fprintf(stderr, "%s: \"%s\" -> \"%s\"\n", langs[l],
					    texts[i], wk_buf_str(&b));
					fail();
				}
			wk_buf_free(&b);
		}
}

/* The qu voice never gets a c outside ch, a Spanish qu, a z or a
 * word-initial ch'. */
static void
test_qu_spelling(void **state)
{
	static const char *texts[] = {
		"Mercado Nery García Zárate, queso, quinua, chicha, ch'aki, "
		"Cáceres, Vilcashuamán, zona, taxi, Juan, Quispe, Huancavelica",
	};
	struct wk_err err;
	struct wk_voice *v = wk_voiceset_get(&voices, "qu", NULL, &err);
	struct wk_buf b = WK_BUF_INIT;
	const char *p;

	(void)state;
	assert_non_null(v);
	wk_verbalize(v, texts[0], &b);
	for (p = wk_buf_str(&b); *p; p++) {
		int wstart = p == wk_buf_str(&b) || p[-1] == ' ';

		if (((*p | 0x20) == 'c' && p[1] != 'h') || (*p | 0x20) == 'z' ||
		    ((*p | 0x20) == 'q' && p[1] == 'u' && (p[2] == 'e' || p[2] == 'i')) ||
		    (wstart && strncmp(p, "ch'", 3) == 0)) {
			fprintf(stderr, "qu: \"%s\"\n", wk_buf_str(&b));
			fail();
		}
	}
	wk_buf_free(&b);
}

static void
test_templates(void **state)
{
	const char *keys[] = { "a", "b" };
	const char *vals[] = { "uno", "" };
	struct wk_buf b = WK_BUF_INIT;

	(void)state;
	wk_template(&b, "{a} y {b} , {c}dos.", keys, vals, 2);
	assert_string_equal(wk_buf_str(&b), "uno y, dos.");
	wk_buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rows),
		cmocka_unit_test(test_no_symbols),
		cmocka_unit_test(test_qu_spelling),
		cmocka_unit_test(test_templates),
	};
	int rc = cmocka_run_group_tests_name("verbalizer", tests, NULL, NULL);

	wk_voiceset_free(&voices);
	wk_xml_cleanup();
	return rc;
}
