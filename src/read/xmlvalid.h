#ifndef WK_XMLVALID_H
#define WK_XMLVALID_H
/*
 * The validator behind wk_xml_validate and wk_xml_finish (declared in
 * xmlio.h, where the readers find them): its cache of schemas and their
 * outlines lives until wk_xml_cleanup, which calls this. Only xmlio.c
 * includes it.
 */

/* Frees the cached schemas and outlines. */
void wk_xmlvalid_cleanup(void);

#endif
