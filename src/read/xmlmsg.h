#ifndef WK_XMLMSG_H
#define WK_XMLMSG_H
/*
 * libxml2 writes its parse and schema messages in English. This table
 * explains the common ones in the user's language, after the original.
 */

#include <stddef.h>

/*
 * When msg (a libxml2 message, NUL-terminated in a buffer of cap bytes)
 * is one of the common ones and the user's language has an explanation of
 * it, appends " (explanation)" to msg, cut to fit. Under an English locale,
 * or for a message not in the table, msg is left as it is.
 */
void wk_xmlmsg_explain(char *msg, size_t cap);

#endif
