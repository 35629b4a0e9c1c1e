/*
 * What libxml2's errors mean (see xmlmsg.h). The rows were taken from the
 * sources of libxml2 2.9.14, as Debian 12 ships it: parser.c,
 * parserInternals.c and SAX2.c for well-formedness and namespaces,
 * relaxng.c's xmlRelaxNGGetErrorString for validity. An error is found by
 * its code and, where libxml2 gives one code several messages, by a piece
 * of its English text (kept in the row, and matched against e->message
 * only). In a row's sentence {1} {2} {3} stand for the strings libxml2
 * passes with the error (str1, str2, str3), {n} for its number (int1) and
 * {x} for that number in hexadecimal. Messages of DTD declarations are
 * absent on purpose: xmlio.c refuses a DOCTYPE before libxml2 reads one.
 */

#include <stdio.h>
#include <string.h>

#include <libxml/relaxng.h>

#include "base/err.h"
#include "xmlmsg.h"

struct row {
	int code;
	const char *has;	/* a piece of libxml2's text, or NULL */
	const char *says;
};

/* Well-formedness (XML_FROM_PARSER, XML_FROM_NAMESPACE, XML_FROM_IO...). */
static const struct row parse_rows[] = {
	/* The document as a whole. */
	{ XML_ERR_DOCUMENT_EMPTY, "Start tag expected", N_("the file does not "
	    "start with an element: an XML file begins with <?xml ...?> or "
	    "with its first tag, such as <prices>") },
	{ XML_ERR_DOCUMENT_EMPTY, NULL, N_("the file holds no element: it "
	    "should hold one root element, such as <prices>...</prices>") },
	{ XML_ERR_DOCUMENT_END, NULL, N_("there is something after the end of "
	    "the root element: everything must go inside the first element, "
	    "before its closing tag") },
	{ XML_ERR_EXTRA_CONTENT, NULL, N_("there is something after the end of "
	    "the root element: everything must go inside the first element, "
	    "before its closing tag") },
	{ XML_ERR_NOT_WELL_BALANCED, NULL, N_("the elements are not closed in "
	    "the order they were opened") },
	/* Start and end tags. */
	{ XML_ERR_TAG_NAME_MISMATCH, "unparsable", N_("a closing tag has no "
	    "name: write </{1}> to close <{1}>, opened at line {n}") },
	{ XML_ERR_TAG_NAME_MISMATCH, NULL, N_("<{1}>, opened at line {n}, is "
	    "closed here with </{2}>: close elements in the reverse order they "
	    "were opened, and check which tag is misspelt or left open") },
	{ XML_ERR_TAG_NOT_FINISHED, NULL, N_("the file ends inside <{1}>, "
	    "opened at line {n}: add its closing tag </{1}>, or the end of the "
	    "file is missing") },
	{ XML_ERR_LTSLASH_REQUIRED, NULL, N_("a closing tag was expected here: "
	    "an element opened before is not closed") },
	{ XML_ERR_GT_REQUIRED, " line ", N_("the tag <{1}> of line {n} does not "
	    "end with '>' or '/>': check its attributes (name=\"value\", each "
	    "value between quotes)") },
	{ XML_ERR_GT_REQUIRED, "Start Tag", N_("the tag <{1}> does not end with "
	    "'>' or '/>': check its attributes (name=\"value\", each value "
	    "between quotes)") },
	{ XML_ERR_GT_REQUIRED, NULL, N_("a '>' is missing here to close the "
	    "tag") },
	{ XML_ERR_NAME_REQUIRED, "element name", N_("'<' is not followed by an "
	    "element name: a name starts with a letter; to write '<' in a text, "
	    "write &lt;") },
	{ XML_ERR_NAME_REQUIRED, "attribute name", N_("an attribute name is "
	    "wrong here: names start with a letter and hold letters, digits, "
	    "'-', '_' or '.'; write name=\"value\"") },
	{ XML_ERR_NAME_REQUIRED, "EntityRef", N_("a lone '&': write &amp; for "
	    "the character '&'") },
	{ XML_ERR_NAME_REQUIRED, "PEReference", N_("a lone '%': write it in a "
	    "text or a value, not in markup") },
	{ XML_ERR_NAME_REQUIRED, NULL, N_("a name is missing here") },
	{ XML_ERR_NAME_TOO_LONG, NULL, N_("a name here is too long (more than "
	    "50 000 characters): a quote or a '>' is probably missing before "
	    "it") },
	{ XML_ERR_ELEMCONTENT_NOT_FINISHED, NULL, N_("the elements are nested "
	    "too deep: an element is probably not closed") },
	{ XML_ERR_INTERNAL_ERROR, "Excessive depth", N_("the elements are "
	    "nested more than {n} deep: an element is probably not closed") },
	/* Attributes. */
	{ XML_ERR_SPACE_REQUIRED, "attributes construct", N_("an attribute is "
	    "written wrongly: write name=\"value\", with a space between "
	    "attributes") },
	{ XML_ERR_SPACE_REQUIRED, "<?xml", N_("a space is missing after "
	    "'<?xml'") },
	{ XML_ERR_SPACE_REQUIRED, "PI ", N_("a space is missing after "
	    "'<?{1}'") },
	{ XML_ERR_SPACE_REQUIRED, NULL, N_("a space is missing here, between "
	    "two attributes or names") },
	{ XML_ERR_ATTRIBUTE_WITHOUT_VALUE, NULL, N_("the attribute {1} has no "
	    "value: write {1}=\"...\"") },
	{ XML_ERR_ATTRIBUTE_NOT_STARTED, NULL, N_("an attribute's value must "
	    "be between quotes: write name=\"value\"") },
	{ XML_ERR_ATTRIBUTE_NOT_FINISHED, "too long", N_("an attribute's value "
	    "is too long: a closing quote is probably missing") },
	{ XML_ERR_ATTRIBUTE_NOT_FINISHED, NULL, N_("an attribute's value has "
	    "no closing quote") },
	{ XML_ERR_LT_IN_ATTRIBUTE, NULL, N_("a value between quotes holds '<': "
	    "write &lt; for it in a value") },
	{ XML_ERR_ATTRIBUTE_REDEFINED, ":", N_("the attribute {1}:{2} is "
	    "written twice in this tag: keep one") },
	{ XML_ERR_ATTRIBUTE_REDEFINED, NULL, N_("the attribute {1} is written "
	    "twice in this tag: keep one") },
	{ XML_NS_ERR_ATTRIBUTE_REDEFINED, NULL, N_("the attribute {1} is "
	    "written twice in this tag: keep one") },
	{ XML_ERR_EQUAL_REQUIRED, NULL, N_("a '=' is missing between an "
	    "attribute's name and its value") },
	/* Characters and references. */
	{ XML_ERR_INVALID_CHAR, "proper UTF-8", N_("the file is not UTF-8 here "
	    "(bytes {1}): save it as UTF-8, or say its encoding in the first "
	    "line, <?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>") },
	{ XML_ERR_INVALID_CHAR, "attribute value", N_("an attribute's value "
	    "holds a character XML does not allow (a control character): "
	    "remove it") },
	{ XML_ERR_INVALID_CHAR, "out of bounds", N_("a character reference "
	    "&#...; is beyond the last character: check the number") },
	{ XML_ERR_INVALID_CHAR, "CharRef", N_("&#{n}; is a character XML does "
	    "not allow: remove it") },
	{ XML_ERR_INVALID_CHAR, "Comment", N_("a comment holds a character XML "
	    "does not allow (code {n}): remove it") },
	{ XML_ERR_INVALID_CHAR, "Char 0x", N_("the file holds a character XML "
	    "does not allow (U+{x}): remove it") },
	{ XML_ERR_INVALID_CHAR, "PCDATA", N_("the text holds a character XML "
	    "does not allow (code {n}): remove it") },
	{ XML_ERR_INVALID_CHAR, NULL, N_("the file holds a character XML does "
	    "not allow here: remove it") },
	{ XML_ERR_INVALID_CHARREF, NULL, N_("a character reference &#...; is "
	    "wrong: write &#233; or &#xE9;, or &amp; for the character '&'") },
	{ XML_ERR_INVALID_DEC_CHARREF, NULL, N_("a character reference &#...; "
	    "is wrong: write &#233; or &#xE9;, or &amp; for the character "
	    "'&'") },
	{ XML_ERR_INVALID_HEX_CHARREF, NULL, N_("a character reference &#x...; "
	    "is wrong: write &#xE9;, or &amp; for the character '&'") },
	{ XML_ERR_ENTITYREF_SEMICOL_MISSING, NULL, N_("a '&' starts a reference "
	    "that does not end with ';': write &amp; for the character '&'") },
	{ XML_ERR_UNDECLARED_ENTITY, NULL, N_("&{1}; is not an entity XML "
	    "knows: only &amp; &lt; &gt; &quot; and &apos; exist; write the "
	    "character itself (á, ñ...) or &amp; for '&'") },
	{ XML_WAR_UNDECLARED_ENTITY, NULL, N_("&{1}; is not an entity XML "
	    "knows: only &amp; &lt; &gt; &quot; and &apos; exist; write the "
	    "character itself (á, ñ...) or &amp; for '&'") },
	{ XML_ERR_ENTITY_LOOP, NULL, N_("an entity refers to itself") },
	{ XML_ERR_MISPLACED_CDATA_END, NULL, N_("the text holds ']]>', which "
	    "XML does not allow: write ]]&gt;") },
	{ XML_ERR_CDATA_NOT_FINISHED, NULL, N_("a <![CDATA[ section is not "
	    "closed with ]]>") },
	/* Comments and processing instructions. */
	{ XML_ERR_COMMENT_NOT_FINISHED, NULL, N_("a comment <!-- is not closed "
	    "with -->") },
	{ XML_ERR_HYPHEN_IN_COMMENT, NULL, N_("a comment holds '--', which XML "
	    "does not allow inside comments: write it another way") },
	{ XML_ERR_PI_NOT_STARTED, NULL, N_("'<?' is not followed by a name") },
	{ XML_ERR_PI_NOT_FINISHED, NULL, N_("the instruction <?{1} is not "
	    "closed with ?>") },
	{ XML_ERR_RESERVED_XML_NAME, "only at the start", N_("<?xml ...?> must "
	    "be the very first thing in the file, with nothing before it, not "
	    "even a space or an empty line") },
	{ XML_ERR_RESERVED_XML_NAME, NULL, N_("a name starting with 'xml' is "
	    "reserved: write <?xml in lower case, at the start of the file "
	    "only") },
	{ XML_NS_ERR_COLON, NULL, N_("the name '{1}' must not hold ':'") },
	/* The XML declaration and the encoding. */
	{ XML_ERR_VERSION_MISSING, NULL, N_("the declaration <?xml must start "
	    "with version=\"1.0\"") },
	{ XML_ERR_UNKNOWN_VERSION, NULL, N_("version=\"{1}\": write "
	    "version=\"1.0\"") },
	{ XML_WAR_UNKNOWN_VERSION, NULL, N_("version=\"{1}\": write "
	    "version=\"1.0\"") },
	{ XML_ERR_XMLDECL_NOT_FINISHED, NULL, N_("the declaration <?xml ... "
	    "must end with ?> and hold only version, encoding and standalone") },
	{ XML_ERR_XMLDECL_NOT_STARTED, NULL, N_("the declaration <?xml ...?> "
	    "is missing") },
	{ XML_ERR_ENCODING_NAME, NULL, N_("encoding=\"...\" does not hold the "
	    "name of an encoding: write encoding=\"UTF-8\"") },
	{ XML_ERR_UNSUPPORTED_ENCODING, NULL, N_("the encoding {1} is not "
	    "known: save the file as UTF-8 and write encoding=\"UTF-8\"") },
	{ XML_ERR_MISSING_ENCODING, NULL, N_("the declaration lacks "
	    "encoding=\"UTF-8\"") },
	{ XML_ERR_INVALID_ENCODING, NULL, N_("the file is not in the encoding "
	    "its first line declares: save it as UTF-8 and write "
	    "encoding=\"UTF-8\"") },
	{ XML_ERR_UNKNOWN_ENCODING, NULL, N_("the file's encoding is not "
	    "known: save it as UTF-8") },
	{ XML_ERR_STANDALONE_VALUE, NULL, N_("standalone= takes \"yes\" or "
	    "\"no\"") },
	{ XML_ERR_STRING_NOT_STARTED, NULL, N_("a value in <?xml ...?> must be "
	    "between quotes") },
	{ XML_ERR_STRING_NOT_CLOSED, NULL, N_("a value in <?xml ...?> has no "
	    "closing quote") },
	{ XML_ERR_VERSION_MISMATCH, NULL, N_("the declaration <?xml ...?> is "
	    "wrong: write <?xml version=\"1.0\" encoding=\"UTF-8\"?>") },
	/* A DOCTYPE (refused before parsing; these are the rest of them). */
	{ XML_ERR_DOCTYPE_NOT_FINISHED, NULL, N_("a DOCTYPE is not allowed "
	    "(willakuy never loads DTDs or entities); remove the <!DOCTYPE "
	    "...> declaration") },
	/* Namespaces. */
	{ XML_NS_ERR_UNDEFINED_NAMESPACE, " for ", N_("the prefix '{1}:' of the "
	    "attribute {1}:{2} on <{3}> is not declared: write the attribute "
	    "without it") },
	{ XML_NS_ERR_UNDEFINED_NAMESPACE, NULL, N_("the prefix '{1}:' of "
	    "<{1}:{2}> is not declared: write the name without '{1}:'") },
	{ XML_NS_ERR_QNAME, NULL, N_("'{1}' is not a valid name: a ':' is in "
	    "the wrong place") },
	{ XML_NS_ERR_EMPTY, NULL, N_("xmlns:{1}=\"\" is empty: give the "
	    "namespace's address or remove it") },
	{ XML_NS_ERR_XML_NAMESPACE, "Empty", N_("xmlns:{1}=\"\" is empty: give "
	    "the namespace's address or remove it") },
	{ XML_NS_ERR_XML_NAMESPACE, NULL, N_("the prefixes xml: and xmlns: are "
	    "reserved: use another prefix, or none") },
	{ XML_WAR_NS_URI, "xmlns:", N_("xmlns:{1}=\"{2}\" is not a valid "
	    "address") },
	{ XML_WAR_NS_URI, NULL, N_("xmlns=\"{1}\" is not a valid address") },
	{ XML_ERR_NS_DECL_ERROR, NULL, N_("a namespace declaration xmlns:... "
	    "is wrong") },
	{ XML_ERR_NO_MEMORY, NULL, N_("out of memory") },
};

/* RELAX NG validity (XML_FROM_RELAXNGV): codes are xmlRelaxNGValidErr. */
static const struct row valid_rows[] = {
	{ XML_RELAXNG_ERR_MEMORY, NULL, N_("out of memory") },
	{ XML_RELAXNG_ERR_TYPE, NULL, N_("a value does not have the form of "
	    "a {1}") },
	{ XML_RELAXNG_ERR_TYPEVAL, NULL, N_("'{2}' is not a valid value here "
	    "({1})") },
	{ XML_RELAXNG_ERR_DUPID, NULL, N_("the id '{1}' is given twice") },
	{ XML_RELAXNG_ERR_TYPECMP, NULL, N_("a value cannot be compared "
	    "({1})") },
	{ XML_RELAXNG_ERR_NOSTATE, NULL, N_("the schema check failed here "
	    "(an internal error of libxml2)") },
	{ XML_RELAXNG_ERR_NODEFINE, NULL, N_("the schema check failed here "
	    "(an internal error of libxml2)") },
	{ XML_RELAXNG_ERR_INTERNAL, NULL, N_("the schema check failed here "
	    "(an internal error of libxml2)") },
	{ XML_RELAXNG_ERR_LISTEXTRA, NULL, N_("the list of values holds one "
	    "too many: '{1}'") },
	{ XML_RELAXNG_ERR_INTERNODATA, NULL, N_("an element that should hold "
	    "elements is empty") },
	{ XML_RELAXNG_ERR_INTERSEQ, NULL, N_("the elements here are not in an "
	    "order this element accepts") },
	{ XML_RELAXNG_ERR_INTEREXTRA, NULL, N_("<{1}> appears here once too "
	    "often, or does not belong here") },
	{ XML_RELAXNG_ERR_ELEMNAME, NULL, N_("<{2}> is not expected here: "
	    "<{1}> should come here") },
	{ XML_RELAXNG_ERR_ELEMNONS, NULL, N_("<{1}> should be in a namespace "
	    "(xmlns=\"...\")") },
	{ XML_RELAXNG_ERR_ELEMWRONGNS, NULL, N_("<{1}> is in the wrong "
	    "namespace: expected {2}") },
	{ XML_RELAXNG_ERR_ELEMWRONG, NULL, N_("<{1}> is not allowed here: "
	    "check its name and where it is") },
	{ XML_RELAXNG_ERR_TEXTWRONG, NULL, N_("<{1}> cannot hold text here: "
	    "its values go in attributes or in the elements inside it") },
	{ XML_RELAXNG_ERR_ELEMEXTRANS, NULL, N_("<{1}> should not be in a "
	    "namespace: remove its xmlns=\"...\" or its prefix") },
	{ XML_RELAXNG_ERR_ELEMNOTEMPTY, NULL, N_("<{1}> must be empty: write "
	    "<{1} .../> with nothing inside") },
	{ XML_RELAXNG_ERR_NOELEM, NULL, N_("an element is missing here") },
	{ XML_RELAXNG_ERR_NOTELEM, NULL, N_("text stands where an element "
	    "should be") },
	{ XML_RELAXNG_ERR_ATTRVALID, NULL, N_("an attribute of <{1}> is "
	    "missing, misspelt or has a wrong value") },
	{ XML_RELAXNG_ERR_CONTENTVALID, NULL, N_("what <{1}> holds is not "
	    "complete or not in order: check the elements inside it") },
	{ XML_RELAXNG_ERR_EXTRACONTENT, NULL, N_("<{1}> holds something that "
	    "does not belong in it: {2}") },
	{ XML_RELAXNG_ERR_INVALIDATTR, NULL, N_("<{2}> has no attribute '{1}': "
	    "remove it or check its spelling") },
	{ XML_RELAXNG_ERR_LACKDATA, NULL, N_("<{1}> is empty: it should hold a "
	    "value") },
	{ XML_RELAXNG_ERR_DATAELEM, NULL, N_("<{1}> should hold a value, not "
	    "elements") },
	{ XML_RELAXNG_ERR_VALELEM, NULL, N_("<{1}> should hold a value, not "
	    "elements") },
	{ XML_RELAXNG_ERR_LISTELEM, NULL, N_("<{1}> should hold a list of "
	    "values, not elements") },
	{ XML_RELAXNG_ERR_DATATYPE, NULL, N_("a value does not have the form "
	    "of a {1}") },
	{ XML_RELAXNG_ERR_VALUE, NULL, N_("a value is not one of those allowed "
	    "here ('{1}')") },
	{ XML_RELAXNG_ERR_LIST, NULL, N_("a value of the list is wrong") },
	{ XML_RELAXNG_ERR_NOGRAMMAR, NULL, N_("the schema has no grammar (is "
	    "the data directory complete?)") },
	{ XML_RELAXNG_ERR_EXTRADATA, NULL, N_("the file holds something after "
	    "what its format allows") },
	/* Codes libxml2 defines but words as "Unknown error". */
	{ XML_RELAXNG_ERR_LISTEMPTY, NULL, N_("the list of values is empty") },
	{ XML_RELAXNG_ERR_ATTRNAME, NULL, N_("an attribute has a name this "
	    "element does not take") },
	{ XML_RELAXNG_ERR_ATTRNONS, NULL, N_("an attribute should have a "
	    "prefix") },
	{ XML_RELAXNG_ERR_ATTRWRONGNS, NULL, N_("an attribute has the wrong "
	    "prefix") },
	{ XML_RELAXNG_ERR_ATTREXTRANS, NULL, N_("an attribute should have no "
	    "prefix") },
};

/* Words for the forms of values in our schemas. */
static const struct {
	const char *type, *says;
} types[] = {
	{ "nonNegativeInteger", N_("a whole number: 0, 1, 2...") },
	{ "positiveInteger", N_("a whole number from 1 up") },
	{ "integer", N_("a whole number") },
	{ "decimal", N_("a number, with a point for decimals (for example "
	    "2.5)") },
	{ "boolean", N_("\"true\" or \"false\"") },
	{ "language", N_("a language tag: es, qu or qu-PE") },
	{ "anyURI", N_("an address (URL)") },
	{ "NCName", N_("a name without spaces or ':'") },
	{ "token", N_("a word") },
	{ "date", N_("a date written YYYY-MM-DD, for example 2026-11-29") },
	{ "id", N_("an id: lower-case letters, digits and '-' (for example "
	    "papa-amarilla)") },
	{ "amount", N_("an amount with a point and at most two decimals (for "
	    "example 2.50)") },
};

const char *
wk_xmlmsg_type(const char *type)
{
	size_t i;

	for (i = 0; type != NULL && i < sizeof types / sizeof types[0]; i++)
		if (strcmp(type, types[i].type) == 0)
			return _(types[i].says);
	return NULL;
}

/* The row of e in rows[0..n), or NULL. */
static const struct row *
find(const struct row *rows, size_t n, const xmlError *e)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (rows[i].code == e->code && (rows[i].has == NULL ||
		    (e->message != NULL && strstr(e->message, rows[i].has))))
			return &rows[i];
	return NULL;
}

/* The bytes of an encoding error, "0xE1 0x20", from libxml2's "...Bytes:
 * 0xE1 0x20 0x64 0x65". */
static const char *
bytes_of(const xmlError *e)
{
	const char *s = e->str1 != NULL ? e->str1 : e->message;
	const char *b = s != NULL ? strstr(s, "0x") : NULL;

	return b != NULL ? b : "";
}

/* Writes the sentence t into out with its {1} {2} {3} {n} {x} filled. */
static void
fill(const char *t, const xmlError *e, char *out, size_t cap)
{
	size_t o = 0;

	while (*t != '\0' && o + 1 < cap) {
		const char *put = NULL;
		char num[24];

		if (t[0] == '{' && t[1] != '\0' && t[2] == '}') {
			switch (t[1]) {
			case '1':
				put = e->code == XML_ERR_INVALID_CHAR ? bytes_of(e)
				    : e->str1;
				break;
			case '2':
				put = e->str2;
				break;
			case '3':
				put = e->str3;
				break;
			case 'n':
				snprintf(num, sizeof num, "%d", e->int1);
				put = num;
				break;
			case 'x':
				snprintf(num, sizeof num, "%04X", (unsigned)e->int1);
				put = num;
				break;
			}
		}
		if (t[0] == '{' && (put != NULL || (t[1] >= '1' && t[1] <= '3' &&
		    t[2] == '}'))) {
			size_t k = put != NULL ? strlen(put) : 0;

			/* A name runs to the first line break of what libxml2
			 * quoted (a comment's text, a CDATA's start). */
			if (put != NULL && strchr(put, '\n') != NULL)
				k = (size_t)(strchr(put, '\n') - put);
			if (k > 200)
				k = 200;
			if (o + k + 1 > cap)
				k = cap - o - 1;
			memcpy(out + o, put != NULL ? put : "", k);
			o += k;
			t += 3;
			continue;
		}
		out[o++] = *t++;
	}
	out[o] = '\0';
}

void
wk_xmlmsg_say(const xmlError *e, char *out, size_t cap)
{
	const struct row *r;
	const char *fallback;
	size_t n;

	if (cap == 0)
		return;
	if (e->domain == XML_FROM_RELAXNGV) {
		r = find(valid_rows, sizeof valid_rows / sizeof valid_rows[0], e);
		fallback = N_("this does not follow the file's format here");
	} else {
		r = find(parse_rows, sizeof parse_rows / sizeof parse_rows[0], e);
		fallback = N_("the XML is broken here: check the tag, its quotes "
		    "and its '<' and '>'");
	}
	if (r != NULL) {
		fill(_(r->says), e, out, cap);
		return;
	}
	snprintf(out, cap, "%s", _(fallback));
	/* Untranslated (an English locale): libxml2's own words may help. */
	if (strcmp(_(fallback), fallback) == 0 && e->message != NULL &&
	    (n = strlen(out)) + 4 < cap) {
		snprintf(out + n, cap - n, " (%s", e->message);
		n = strlen(out);
		while (n > 0 && (out[n - 1] == '\n' || out[n - 1] == ' '))
			out[--n] = '\0';
		if (n + 2 < cap)
			memcpy(out + n, ")", 2);
	}
}
