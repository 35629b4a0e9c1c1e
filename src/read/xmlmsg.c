/*
 * Explanations of libxml2's English messages. Each row is a piece of text
 * that libxml2 puts in a message (its wording has stayed the same across
 * 2.9 to 2.12) and a sentence for editors, translated by gettext. The
 * English original is kept, since it names the tags and attributes.
 */

#include <stdio.h>
#include <string.h>

#include "base/err.h"
#include "xmlmsg.h"

static const struct {
	const char *has, *says;
} rows[] = {
	{ "Opening and ending tag mismatch", N_("an element is closed with "
	    "another element's closing tag; check which tag was left open") },
	{ "Premature end of data in tag", N_("the file ends before an element "
	    "is closed; add its closing tag") },
	{ "EndTag: '</' not found", N_("an element is not closed; add its "
	    "closing tag") },
	{ "Extra content at the end of the document", N_("there is text or a "
	    "second element after the end of the root element") },
	{ "Document is empty", N_("the file has no element") },
	{ "Start tag expected, '<' not found", N_("the file does not start "
	    "with an element") },
	{ "Couldn't find end of Start Tag", N_("a start tag has no closing "
	    "'>' or a broken attribute") },
	{ "Unescaped '<' not allowed in attributes values", N_("a value "
	    "between quotes holds '<'; write &lt; instead") },
	{ "AttValue: \" or ' expected", N_("an attribute's value must be "
	    "between quotes") },
	{ "attributes construct error", N_("an attribute is written wrongly; "
	    "write name=\"value\"") },
	{ "Specification mandates value for attribute", N_("an attribute has "
	    "no value; write name=\"value\"") },
	{ "redefined", N_("an attribute appears twice in the same tag") },
	{ "xmlParseEntityRef: no name", N_("a lone '&'; write &amp; instead") },
	{ "EntityRef: expecting ';'", N_("a '&' without its ';'; write &amp; "
	    "for the character '&'") },
	{ "Entity '", N_("an unknown entity: only &amp; &lt; &gt; &quot; and "
	    "&apos; exist; write the character itself") },
	{ "Input is not proper UTF-8", N_("the file is not UTF-8; save it as "
	    "UTF-8") },
	{ "invalid character", N_("the file holds a character that XML does "
	    "not allow") },
	{ "Char 0x", N_("the file holds a character that XML does not allow") },
	{ "Comment not terminated", N_("a comment <!-- is not closed with -->") },
	{ "Double hyphen within comment", N_("a comment holds '--', which XML "
	    "does not allow") },
	{ "XML declaration allowed only at the start", N_("<?xml ...?> must be "
	    "the very first thing in the file") },
	{ "Did not expect element", N_("this element is not allowed here; "
	    "check its name and where it is") },
	{ "Did not expect text", N_("text is not allowed here") },
	{ "Expecting an element", N_("an element is missing here") },
	{ "Expecting element", N_("an element is missing here") },
	{ "Extra element", N_("this element is not allowed here, or is one "
	    "too many") },
	{ "Invalid attribute", N_("this attribute is not allowed on this "
	    "element; check its name") },
	{ "failed to validate attributes", N_("an attribute is missing, "
	    "misspelt or has a wrong value") },
	{ "has extra content", N_("the element holds something that does not "
	    "belong in it") },
	{ "Error validating datatype", N_("a value has the wrong form") },
};

/* The explanation of msg in the user's language, or NULL (same rules). */
static const char *
wk_xmlmsg_lookup(const char *msg)
{
	size_t i;

	for (i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		const char *t;

		if (strstr(msg, rows[i].has) == NULL)
			continue;
		t = gettext(rows[i].says);
		/* No translation: the English original says it already. */
		return t == rows[i].says || strcmp(t, rows[i].says) == 0 ? NULL : t;
	}
	return NULL;
}

void
wk_xmlmsg_explain(char *msg, size_t cap)
{
	const char *t = wk_xmlmsg_lookup(msg);
	size_t n = strlen(msg);

	if (t != NULL && n + 4 < cap)
		snprintf(msg + n, cap - n, " (%s)", t);
}
