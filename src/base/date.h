#ifndef WK_DATE_H
#define WK_DATE_H
/*
 * Calendar dates (proleptic Gregorian) as the feeds write them, YYYY-MM-DD.
 * Used to decide freshness and to speak the broadcast date.
 */

struct wk_date {
	int y, m, d;
};

/* Parses exactly "YYYY-MM-DD" (the n bytes at s) into *out; returns 0, or -1
 * when the text is not a valid date between years 1900 and 9999. */
int wk_date_parse(const char *s, struct wk_date *out);

/* The same with the length given, for dates inside longer text. */
int wk_date_parse_n(const char *s, unsigned long n, struct wk_date *out);

/* True when y-m-d names a real day. */
int wk_date_valid(int y, int m, int d);

/* Day of the week, 0 = Sunday. */
int wk_date_weekday(struct wk_date dt);

/* Days since 1970-01-01 (negative before). */
long wk_date_days(struct wk_date dt);

/* The date days after 1970-01-01 (the inverse of wk_date_days). */
struct wk_date wk_date_from_days(long days);

/* Writes "YYYY-MM-DD" and a NUL into out. */
void wk_date_format(struct wk_date dt, char out[11]);

/* Today in local time. */
struct wk_date wk_date_today(void);

#endif
