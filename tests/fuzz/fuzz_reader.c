/*
 * libFuzzer target for willakuy's readers and verbalizer. Built once per
 * reader with -DREADER=n (see the Makefile's fuzz targets):
 * 1 prices, 2 news (ours, RSS, Atom), 3 bulletin, 4 station, 5 catalogue,
 * 6 voice, 7 the verbalizer in both languages. The readers take a path,
 * so each input is written to one file in /dev/shm first.
 */

#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/buf.h"
#include "read/bulletin.h"
#include "read/catalog.h"
#include "base/err.h"
#include "read/feed.h"
#include "read/station.h"
#include "say/verbal.h"
#include "read/voice.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#if READER != 7
static char path[64];

static const char *
put(const uint8_t *data, size_t size)
{
	int fd;

	if (path[0] == '\0')
		snprintf(path, sizeof path, "/dev/shm/wk-fuzz-%ld.xml", (long)getpid());
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd < 0 || write(fd, data, size) != (ssize_t)size)
		abort();
	close(fd);
	return path;
}
#endif

#if READER == 7
static struct wk_voiceset voices;

static void
say(const char *lang, const char *text)
{
	struct wk_err err;
	struct wk_voice *v = wk_voiceset_get(&voices, lang, NULL, &err);
	struct wk_buf b = WK_BUF_INIT;
	const char *p;

	if (v == NULL)
		abort();
	wk_verbalize(v, text, &b);
	/* The verbalizer's promise: no digit survives. */
	for (p = wk_buf_str(&b); *p; p++)
		if (*p >= '0' && *p <= '9')
			abort();
	wk_buf_free(&b);
}
#endif

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct wk_diags d;

	wk_diags_init(&d, NULL);
#if READER != 7
	struct wk_err err;
#endif
#if READER == 1
	struct wk_prices *p;

	wk_prices_load(put(data, size), &p, &d, &err);
	wk_prices_free(p);
#elif READER == 2
	struct wk_news *n;

	wk_news_load(put(data, size), &n, &d, &err);
	wk_news_free(n);
#elif READER == 3
	struct wk_bulletin *b;

	wk_bulletin_load(put(data, size), &b, &d, &err);
	wk_bulletin_free(b);
#elif READER == 4
	struct wk_station *s;

	wk_station_load(put(data, size), &s, &d, &err);
	wk_station_free(s);
#elif READER == 5
	struct wk_catalog *c;

	wk_catalog_load(put(data, size), &c, &d, &err);
	wk_catalog_free(c);
#elif READER == 6
	struct wk_voice *v;

	wk_voice_load_file(put(data, size), &v, &d, &err);
	wk_voice_free(v);
#elif READER == 7
	char *text = malloc(size + 1);

	if (text == NULL)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	say("es", text);
	say("qu", text);
	free(text);
#endif
	wk_diags_free(&d);
	return 0;
}
