/*
 * Reads a station configuration. Every setting has a default that suits a
 * community FM station (44.1 kHz mono, 128 kb/s CBR, -23 LUFS, -1 dBTP);
 * values out of range are refused with the range in the message. Out
 * comes a value and nothing else: what the station's file implies beyond
 * its settings (vocabulary folders, catalogue, voices) is the site's
 * (site.h).
 */

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "plausible.h"
#include "base/paths.h"
#include "base/safedir.h"
#include "rngoutline.h"
#include "station.h"
#include "xmlio.h"

static enum wk_status
num(struct wk_xmlfile *f, xmlNodePtr n, const char *name, double lo,
    double hi, double *v, struct wk_err *err)
{
	char *s = wk_xml_attr(n, name), *end;
	double x;

	if (s == NULL)
		return WK_OK;
	x = strtod(s, &end);
	if (end == s || *end != '\0' || !isfinite(x) || x < lo || x > hi) {
		enum wk_status st = wk_xml_err(f, n, name, err,
		    _("%s=\"%s\" must be a number from %g to %g"), name, s, lo, hi);

		free(s);
		return st;
	}
	free(s);
	*v = x;
	return WK_OK;
}

/* An attribute that is one of two words: *flag is 1 for the first, 0 for
 * the other, unchanged when the attribute is absent; msg when neither. */
static enum wk_status
either(struct wk_xmlfile *f, xmlNodePtr n, const char *name, const char *one,
    const char *other, const char *msg, int *flag, struct wk_err *err)
{
	char *v = wk_xml_attr(n, name);
	enum wk_status st = WK_OK;

	if (v == NULL)
		return WK_OK;
	if (strcmp(v, one) == 0)
		*flag = 1;
	else if (strcmp(v, other) == 0)
		*flag = 0;
	else
		st = wk_xml_err(f, n, name, err, "%s", msg);
	free(v);
	return st;
}

/* <latest on-failure="remove|clip" clip="FILE"/>: what latest/ holds for a
 * bulletin whose build failed. The clip is resolved against dir (the
 * station file's folder); any format clip.c reads, since it is encoded
 * at the station's settings when it is used (failclip.c). */
static enum wk_status
read_latest(struct wk_xmlfile *f, xmlNodePtr n, const char *dir,
    struct wk_station *s, struct wk_err *err)
{
	int clip = s->on_failure == WK_LATEST_CLIP;
	enum wk_status st;
	char *v;

	if ((st = either(f, n, "on-failure", "clip", "remove",
	    _("on-failure must be \"remove\" (latest/ keeps nothing for a "
	    "failed bulletin) or \"clip\" (it gets the station's clip)"),
	    &clip, err)) != WK_OK)
		return st;
	s->on_failure = clip ? WK_LATEST_CLIP : WK_LATEST_REMOVE;
	v = wk_xml_attr(n, "clip");
	if (clip && v == NULL)
		return wk_xml_err(f, n, NULL, err, "%s",
		    _("on-failure=\"clip\" needs clip=\"FILE\", the "
		    "recording that replaces a bulletin that could not be built"));
	if (v == NULL)
		return WK_OK;
	if (v[0] == '\0') {
		free(v);
		return wk_xml_err(f, n, "clip", err, "%s",
		    _("clip=\"\" names no file: give the recording that replaces "
		    "a bulletin that could not be built"));
	}
	free(s->failure_clip);
	s->failure_clip = wk_path_join(dir, v);
	free(v);
	return s->failure_clip != NULL ? WK_OK : wk_err_nomem(err);
}

/* formats="mp3 opus" and opus-kbps="N" of <audio>: MP3 always (playout
 * systems read it), Ogg Opus on request. */
static enum wk_status
read_formats(struct wk_xmlfile *f, xmlNodePtr n, struct wk_station *s,
    struct wk_err *err)
{
	char *v = wk_xml_attr(n, "formats"), *w, *save = NULL;
	enum wk_status st = WK_OK;
	int mp3 = 0;
	double x;

	if (v != NULL) {
		s->opus = 0;
		for (w = strtok_r(v, " \t\n", &save); w != NULL && st == WK_OK;
		    w = strtok_r(NULL, " \t\n", &save))
			if (strcmp(w, "mp3") == 0)
				mp3 = 1;
			else if (strcmp(w, "opus") == 0)
				s->opus = 1;
			else
				st = wk_xml_err(f, n, "formats", err,
				    _("formats: '%s' is not a format willakuy "
				    "writes; use \"mp3\" or \"mp3 opus\""), w);
		if (st == WK_OK && !mp3)
			st = wk_xml_err(f, n, "formats", err, "%s",
			    _("formats must include \"mp3\": playout systems "
			    "read the MP3 files (write \"mp3 opus\" for both)"));
		free(v);
		if (st != WK_OK)
			return st;
	}
	x = s->opus_kbps;
	st = num(f, n, "opus-kbps", 24, 32, &x, err);
	s->opus_kbps = (int)x;
	return st;
}

/* An address that a podcast directory can show: one '@' with text on
 * both sides, no spaces, quotes or angle brackets. */
static int
is_email(const char *v)
{
	const char *at = strchr(v, '@');

	return at != NULL && at > v && at[1] != '\0' && strchr(at + 1, '@') ==
	    NULL && strpbrk(v, " \t\n\"'<>,;") == NULL && strlen(v) <= 254;
}

/* artwork="https://..." or "FILE" (PNG or JPEG, beside the station file)
 * and email="..." of <publish>: the podcast feeds' picture and owner. */
static enum wk_status
read_artwork(struct wk_xmlfile *f, xmlNodePtr n, const char *dir,
    struct wk_station *s, struct wk_err *err)
{
	enum wk_status st = WK_OK;
	char *v;

	if ((v = wk_xml_attr(n, "artwork")) != NULL) {
		free(s->artwork_url);
		free(s->artwork_file);
		s->artwork_url = s->artwork_file = NULL;
		if (v[0] == '\0' || strpbrk(v, "\"'<>\n") != NULL)
			st = wk_xml_err(f, n, "artwork", err, "%s",
			    _("artwork must name the podcast's picture: an "
			    "https:// address or a PNG or JPEG file beside the "
			    "station file"));
		else if (strncmp(v, "https://", 8) == 0 ||
		    strncmp(v, "http://", 7) == 0) {
			s->artwork_url = v;
			v = NULL;
		} else if ((s->artwork_file = wk_path_join(dir, v)) == NULL)
			st = wk_err_nomem(err);
		free(v);
		if (st != WK_OK)
			return st;
	}
	if ((v = wk_xml_attr(n, "email")) != NULL) {
		if (!is_email(v)) {
			st = wk_xml_err(f, n, "email", err,
			    _("email=\"%s\" is not an e-mail address; podcast "
			    "directories show it as the feeds' owner "
			    "(\"prensa@radio.example\")"), v);
			free(v);
			return st;
		}
		free(s->email);
		s->email = v;
	}
	return either(f, n, "podcast", "yes", "no", _("podcast must be \"yes\" "
	    "(the podcast feeds are written) or \"no\""), &s->podcast, err);
}

/* <publish base-url="https://..." time="HH:MM"/>: where OUTDIR is served
 * from (for the podcast feeds) and when the bulletins go on air; the
 * feeds' picture and owner (read_artwork). */
static enum wk_status
read_publish(struct wk_xmlfile *f, xmlNodePtr n, const char *dir,
    struct wk_station *s, struct wk_err *err)
{
	char *v;
	size_t len;
	int hh = -1, mm = -1;

	if ((v = wk_xml_attr(n, "base-url")) != NULL) {
		len = strlen(v);
		if ((strncmp(v, "https://", 8) != 0 && strncmp(v, "http://", 7) !=
		    0) || strpbrk(v, " \t\n\"'<>") != NULL || len > 1000) {
			enum wk_status st = wk_xml_err(f, n, "base-url", err,
			    _("base-url=\"%s\" must be the public http:// or "
			    "https:// address of the output folder, without "
			    "spaces or quotes"), v);

			free(v);
			return st;
		}
		free(s->base_url);
		if ((s->base_url = malloc(len + 2)) == NULL) {
			free(v);
			return wk_err_nomem(err);
		}
		memcpy(s->base_url, v, len + 1);
		if (v[len - 1] != '/')
			memcpy(s->base_url + len, "/", 2);
		free(v);
	}
	if ((v = wk_xml_attr(n, "time")) != NULL) {
		if (strlen(v) != 5 || v[2] != ':' || sscanf(v, "%2d:%2d", &hh,
		    &mm) != 2 || hh < 0 || hh > 23 || mm < 0 || mm > 59) {
			enum wk_status st = wk_xml_err(f, n, "time", err,
			    _("time=\"%s\" must be the broadcast time as HH:MM "
			    "(\"06:00\")"), v);

			free(v);
			return st;
		}
		memcpy(s->time, v, 6);
		free(v);
	}
	return read_artwork(f, n, dir, s, err);
}

/* <rivendell group="NEWS"> and its <cart bulletin lang number/>. */
static enum wk_status
read_rivendell(struct wk_xmlfile *f, xmlNodePtr n, struct wk_station *s,
    struct wk_err *err)
{
	enum wk_status st = WK_OK;
	struct wk_cart *c;
	xmlNodePtr k;
	double x;
	size_t i;
	char *v;

	if ((v = wk_xml_attr(n, "group")) != NULL) {
		free(s->rivendell_group);
		s->rivendell_group = v;
	}
	for (k = wk_xml_elem(n->children); k != NULL && st == WK_OK;
	    k = wk_xml_elem(k->next)) {
		if (!wk_xml_is(k, "cart"))
			return wk_xml_err(f, k, NULL, err,
			    _("unexpected <%s> in <rivendell>; use <cart "
			    "bulletin=\"ID\" lang=\"LANG\" number=\"N\"/>"),
			    (const char *)k->name);
		if ((c = realloc(s->carts, (s->ncarts + 1) * sizeof *c)) == NULL)
			return wk_err_nomem(err);
		s->carts = c;
		c = &c[s->ncarts];
		memset(c, 0, sizeof *c);
		s->ncarts++;
		x = 0;
		if ((c->bulletin = wk_xml_req(f, k, "bulletin", err)) == NULL ||
		    (c->lang = wk_xml_req(f, k, "lang", err)) == NULL)
			return err->status;
		if (!xmlHasProp(k, BAD_CAST "number"))
			return wk_xml_err(f, k, NULL, err, "%s",
			    _("<cart> needs number=\"N\", the Rivendell cart "
			    "(1 to 999999) the dropbox imports into"));
		if ((st = num(f, k, "number", 1, 999999, &x, err)) != WK_OK)
			return st;
		c->number = (unsigned)x;
		for (i = 0; i + 1 < s->ncarts; i++)
			if (strcmp(s->carts[i].bulletin, c->bulletin) == 0 &&
			    strcmp(s->carts[i].lang, c->lang) == 0)
				return wk_xml_err(f, k, NULL, err,
				    _("a second cart for bulletin '%s' in '%s'; "
				    "each bulletin and language has one"),
				    c->bulletin, c->lang);
	}
	return st;
}

/* <hook command="..." timeout="60"/>. */
static enum wk_status
read_hook(struct wk_xmlfile *f, xmlNodePtr n, struct wk_station *s,
    struct wk_err *err)
{
	double x = s->hook_timeout_s;
	char *v;

	if ((v = wk_xml_req(f, n, "command", err)) == NULL)
		return err->status;
	free(s->hook_command);
	s->hook_command = v;
	if (num(f, n, "timeout", 1, 3600, &x, err) != WK_OK)
		return err->status;
	s->hook_timeout_s = (unsigned)x;
	return WK_OK;
}

static enum wk_status
read_station(struct wk_xmlfile *f, struct wk_station *s, struct wk_err *err)
{
	static const char *const parts[] = { "feeds", "audio", "pauses", "tags",
	    "cache", "output", "category", "history", "rivendell", "latest",
	    "notify", "retention", "publish", "hook", NULL };
	xmlNodePtr n;
	enum wk_status st = WK_OK;
	char *dir, *v;
	double x;

	if (!wk_xml_is(f->root, "station"))
		return wk_xml_err(f, f->root, NULL, err,
		    _("this is a <%s> file, not a station configuration "
		    "(<station>)"), (const char *)f->root->name);
	if ((s->id = wk_xml_req(f, f->root, "id", err)) == NULL ||
	    (s->name = wk_xml_req(f, f->root, "name", err)) == NULL)
		return err->status;
	/* A run of several stations writes each into OUTDIR/<id>/, beside
	 * the names the output folder has for itself (.cache is already not
	 * an id). */
	if (strcmp(s->id, "latest") == 0 || strcmp(s->id, "podcast") == 0 ||
	    wk_safe_is_date(s->id))
		return wk_xml_err(f, f->root, "id", err,
		    _("the station id '%s' is a name the output folder uses for "
		    "itself (latest/, podcast/ and one folder per date): with "
		    "several stations in one run, this station's folder would "
		    "be taken for it; choose another id, such as 'radio-%s'"),
		    s->id, s->id);
	s->decimal_mark = wk_decimal_mark_attr(f->root);
	if ((dir = wk_path_dir(f->path)) == NULL)
		return wk_err_nomem(err);
	s->feeds_dir = wk_path_join(dir, "feeds");
	for (n = wk_xml_elem(f->root->children); n && st == WK_OK;
	    n = wk_xml_elem(n->next)) {
		if (wk_xml_is(n, "feeds")) {
			if ((v = wk_xml_req(f, n, "dir", err)) == NULL) {
				st = err->status;
				break;
			}
			free(s->feeds_dir);
			s->feeds_dir = wk_path_join(dir, v);
			free(v);
		} else if (wk_xml_is(n, "audio")) {
			x = s->rate_hz;
			if ((st = num(f, n, "rate", 8000, 96000, &x, err)) != WK_OK)
				break;
			s->rate_hz = (int)x;
			if (s->rate_hz != 44100 && s->rate_hz != 48000 &&
			    s->rate_hz != 32000 && s->rate_hz != 22050) {
				st = wk_xml_err(f, n, "rate", err, "%s",
				    _("rate must be 44100 or 48000 (or 32000, 22050)"));
				break;
			}
			x = s->channels;
			if ((st = num(f, n, "channels", 1, 2, &x, err)) != WK_OK)
				break;
			s->channels = (int)x;
			x = s->bitrate_kbps;
			if ((st = num(f, n, "bitrate", 32, 320, &x, err)) != WK_OK)
				break;
			s->bitrate_kbps = (int)x;
			x = s->vbr_quality;
			if ((st = num(f, n, "vbr-quality", 0, 9, &x, err)) != WK_OK)
				break;
			s->vbr_quality = (int)x;
			if ((st = either(f, n, "mode", "vbr", "cbr",
			    _("mode must be \"cbr\" or \"vbr\""), &s->vbr,
			    err)) != WK_OK ||
			    (st = either(f, n, "verify", "yes", "no",
			    _("verify must be \"yes\" or \"no\""), &s->verify,
			    err)) != WK_OK)
				break;
			if ((st = num(f, n, "loudness", -40, -9, &s->target_lufs,
			    err)) != WK_OK)
				break;
			if ((st = num(f, n, "true-peak", -9, 0, &s->peak_dbtp,
			    err)) != WK_OK)
				break;
			st = read_formats(f, n, s, err);
		} else if (wk_xml_is(n, "pauses")) {
			x = s->item_pause_ms;
			if ((st = num(f, n, "item-ms", 0, 5000, &x, err)) != WK_OK)
				break;
			s->item_pause_ms = (unsigned)x;
			x = s->segment_pause_ms;
			if ((st = num(f, n, "segment-ms", 0, 5000, &x, err)) != WK_OK)
				break;
			s->segment_pause_ms = (unsigned)x;
		} else if (wk_xml_is(n, "tags")) {
			if ((v = wk_xml_attr(n, "genre")) != NULL) {
				free(s->genre);
				s->genre = v;
			}
		} else if (wk_xml_is(n, "cache")) {
			x = s->cache_mb;
			st = num(f, n, "size-mb", 0, 1 << 20, &x, err);
			s->cache_mb = (int)x;
		} else if (wk_xml_is(n, "latest")) {
			st = read_latest(f, n, dir, s, err);
		} else if (wk_xml_is(n, "notify")) {
			if ((v = wk_xml_req(f, n, "command", err)) == NULL) {
				st = err->status;
				break;
			}
			free(s->notify_command);
			s->notify_command = v;
			x = s->notify_timeout_s;
			st = num(f, n, "timeout", 1, 3600, &x, err);
			s->notify_timeout_s = (unsigned)x;
		} else if (wk_xml_is(n, "retention")) {
			x = s->retention_days;
			st = num(f, n, "days", 0, 36500, &x, err);
			s->retention_days = (unsigned)x;
		} else if (wk_xml_is(n, "category")) {
			char *c = wk_xml_req(f, n, "name", err);
			char *net = c ? wk_xml_req(f, n, "network", err) : NULL;

			if (c == NULL || net == NULL)
				st = err->status;
			else if (wk_catmap_add(&s->categories, c, net) != 0)
				st = wk_err_nomem(err);
			free(c);
			free(net);
		} else if (wk_xml_is(n, "output")) {
			st = either(f, n, "shared", "yes", "no",
			    _("shared is yes or no"), &s->output_shared, err);
		} else if (wk_xml_is(n, "rivendell")) {
			x = s->expire_days;
			s->rivendell = 1;
			st = num(f, n, "expire-days", 0, 365, &x, err);
			s->expire_days = (int)x;
			if (st == WK_OK)
				st = read_rivendell(f, n, s, err);
		} else if (wk_xml_is(n, "publish")) {
			st = read_publish(f, n, dir, s, err);
		} else if (wk_xml_is(n, "hook")) {
			st = read_hook(f, n, s, err);
		} else if (wk_xml_is(n, "prices")) {
			/* How far a price may move before it is suspect. */
			st = num(f, n, "max-change", 1.5, 1000, &s->price_factor,
			    err);
		} else if (wk_xml_is(n, "history")) {
			/* The price archive; relative to the station's file. */
			if ((v = wk_xml_req(f, n, "db", err)) == NULL) {
				st = err->status;
				break;
			}
			free(s->history_db);
			s->history_db = wk_path_join(dir, v);
			free(v);
			if (s->history_db == NULL)
				st = wk_err_nomem(err);
		} else if (wk_rng_nearest((const char *)n->name, parts) != NULL)
			st = wk_xml_err(f, n, NULL, err,
			    _("unexpected <%s> in <%s>; did you mean <%s>?"),
			    (const char *)n->name, "station",
			    wk_rng_nearest((const char *)n->name, parts));
		else
			st = wk_xml_err(f, n, NULL, err,
			    _("unexpected <%s> in <station>; use feeds, audio, "
			    "pauses, tags, cache, output, category, history, "
			    "prices, rivendell, latest, notify, retention, "
			    "publish or hook"), (const char *)n->name);
	}
	free(dir);
	if (st == WK_OK && (s->feeds_dir == NULL || s->genre == NULL))
		st = wk_err_nomem(err);
	return st;
}

enum wk_status
wk_station_load(const char *path, struct wk_station **out,
    struct wk_diags *d, struct wk_err *err)
{
	struct wk_xmlfile f;
	struct wk_station *s;
	enum wk_status st;

	*out = NULL;
	if ((s = calloc(1, sizeof *s)) == NULL)
		return wk_err_nomem(err);
	s->rate_hz = 44100;
	s->channels = 1;
	s->bitrate_kbps = 128;
	s->vbr_quality = 4;
	s->target_lufs = -23;
	s->peak_dbtp = -1;
	s->item_pause_ms = 450;
	s->segment_pause_ms = 800;
	s->expire_days = 0;
	s->cache_mb = 1024;
	s->notify_timeout_s = 30;
	s->retention_days = 14;
	s->opus_kbps = 32;
	memcpy(s->time, "06:00", 6);
	s->podcast = 1;
	s->hook_timeout_s = 60;
	s->price_factor = WK_PLAUSIBLE_FACTOR;
	s->genre = strdup("Speech");
	if ((s->path = strdup(path)) == NULL) {
		wk_station_free(s);
		return wk_err_nomem(err);
	}
	st = wk_xml_load(path, WK_XML_UTF8_ONLY, &f, err);
	/* A problem the reader stops at does not hide the others. */
	if (st == WK_OK)
		st = wk_xml_finish(&f, "station", read_station(&f, s, err), d,
		    err);
	wk_xml_free(&f);
	if (st != WK_OK) {
		wk_station_free(s);
		return st;
	}
	*out = s;
	return WK_OK;
}

void
wk_station_free(struct wk_station *s)
{
	size_t i;

	if (s == NULL)
		return;
	wk_catmap_clear(&s->categories);
	free(s->path);
	free(s->id);
	free(s->name);
	free(s->feeds_dir);
	free(s->genre);
	free(s->failure_clip);
	free(s->notify_command);
	free(s->history_db);
	free(s->base_url);
	free(s->artwork_url);
	free(s->artwork_file);
	free(s->email);
	free(s->rivendell_group);
	for (i = 0; i < s->ncarts; i++) {
		free(s->carts[i].bulletin);
		free(s->carts[i].lang);
	}
	free(s->carts);
	free(s->hook_command);
	free(s);
}

unsigned
wk_station_cart(const struct wk_station *s, const char *bulletin,
    const char *lang)
{
	size_t i;

	for (i = 0; i < s->ncarts; i++)
		if (strcmp(s->carts[i].bulletin, bulletin) == 0 &&
		    strcmp(s->carts[i].lang, lang) == 0)
			return s->carts[i].number;
	return 0;
}
