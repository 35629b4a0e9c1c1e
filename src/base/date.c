/*
 * Date arithmetic with days-from-civil (Howard Hinnant's algorithm), so no
 * time zone or locale enters freshness decisions.
 */

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "date.h"

static int
leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int
wk_date_valid(int y, int m, int d)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (y < 1900 || y > 9999 || m < 1 || m > 12 || d < 1)
		return 0;
	return d <= mdays[m - 1] + (m == 2 && leap(y));
}

int
wk_date_parse_n(const char *s, unsigned long n, struct wk_date *out)
{
	int i, v[3] = { 0, 0, 0 };
	static const int start[3] = { 0, 5, 8 }, len[3] = { 4, 2, 2 };

	if (n != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	for (i = 0; i < 3; i++) {
		int k;

		for (k = 0; k < len[i]; k++) {
			char c = s[start[i] + k];

			if (c < '0' || c > '9')
				return -1;
			v[i] = v[i] * 10 + (c - '0');
		}
	}
	if (!wk_date_valid(v[0], v[1], v[2]))
		return -1;
	out->y = v[0];
	out->m = v[1];
	out->d = v[2];
	return 0;
}

int
wk_date_parse(const char *s, struct wk_date *out)
{
	return wk_date_parse_n(s, strlen(s), out);
}

long
wk_date_days(struct wk_date dt)
{
	long y = dt.y - (dt.m <= 2);
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (dt.m + (dt.m > 2 ? -3 : 9)) + 2) / 5 + dt.d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468;
}

struct wk_date
wk_date_from_days(long z)
{
	struct wk_date dt;
	long era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	dt.d = (int)(doy - (153 * mp + 2) / 5 + 1);
	dt.m = (int)(mp < 10 ? mp + 3 : mp - 9);
	dt.y = (int)(yoe + era * 400 + (dt.m <= 2));
	return dt;
}

int
wk_date_weekday(struct wk_date dt)
{
	long z = wk_date_days(dt);

	/* 1970-01-01 was a Thursday. */
	return (int)(((z + 4) % 7 + 7) % 7);
}

void
wk_date_format(struct wk_date dt, char out[11])
{
	snprintf(out, 11, "%04u-%02u-%02u", (unsigned)dt.y % 10000u,
	    (unsigned)dt.m % 100u, (unsigned)dt.d % 100u);
}

struct wk_date
wk_date_today(void)
{
	time_t t = time(NULL);
	struct tm tm;
	struct wk_date dt = { 1970, 1, 1 };

	if (localtime_r(&t, &tm) != NULL) {
		dt.y = tm.tm_year + 1900;
		dt.m = tm.tm_mon + 1;
		dt.d = tm.tm_mday;
	}
	return dt;
}
