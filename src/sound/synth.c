/*
 * The libespeak-ng wrapper, in synchronous mode: espeak_ng_Synthesize calls
 * back with 16-bit chunks as it goes, which are converted to float and
 * passed on, so memory does not grow with the text. The voice is switched
 * only when it changes, since loading a voice reads its dictionary.
 */

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <espeak-ng/espeak_ng.h>
#include <espeak-ng/speak_lib.h>

#include "base/paths.h"
#include "synth.h"
#include "read/voice.h"

struct wk_synth {
	int rate_hz;
	char voice[64];		/* espeak-ng voice now set */
	int rate_wpm, pitch;
	/* The current call's sink. */
	wk_pcm_fn fn;
	wk_word_fn word;
	void *ud;
	const char *text;	/* the text said, for the words' offsets */
	int stopped;
	float buf[4096];
};

/* espeak-ng is one instance per process (its state is global), and gives
 * no user pointer to the synth callback other than through the event
 * list: the one wk_synth of the process is kept here, which is safe for
 * that reason. Nothing of a station's is. */
static struct wk_synth *current;

/* The byte offset in UTF-8 text of character pos (espeak-ng counts
 * characters from 1). */
static size_t
byte_offset(const char *text, int pos)
{
	size_t i = 0;

	while (text[i] != '\0' && --pos > 0)
		for (i++; ((unsigned char)text[i] & 0xc0) == 0x80; i++)
			;
	return i;
}

static int
on_audio(short *wav, int n, espeak_EVENT *ev)
{
	struct wk_synth *s = current;
	int i = 0;

	if (s != NULL && s->word != NULL && ev != NULL)
		for (; ev->type != espeakEVENT_LIST_TERMINATED; ev++)
			if (ev->type == espeakEVENT_WORD && ev->length > 0 &&
			    ev->text_position > 0 && ev->sample >= 0)
				s->word(s->ud, byte_offset(s->text,
				    ev->text_position), (unsigned long long)
				    ev->sample);
	if (s == NULL || wav == NULL || n <= 0 || s->stopped)
		return s != NULL && s->stopped;
	while (i < n) {
		int k = n - i > 4096 ? 4096 : n - i, j;

		for (j = 0; j < k; j++)
			s->buf[j] = (float)wav[i + j] * (1.0f / 32768.0f);
		if (s->fn(s->ud, s->buf, (size_t)k) != 0) {
			s->stopped = 1;
			return 1;
		}
		i += k;
	}
	return 0;
}

static enum wk_status
fail(struct wk_err *err, espeak_ng_STATUS st, const char *what)
{
	char msg[256];

	espeak_ng_GetStatusCodeMessage(st, msg, sizeof msg);
	return wk_err_set(err, WK_EAUDIO, NULL, 0, 0, "espeak-ng: %s: %s", what,
	    msg);
}

/* True when dir is, or holds, an espeak-ng-data folder. An empty folder
 * passes, so that espeak-ng itself says what is missing. */
static int
has_data(const char *dir)
{
	struct stat st;
	char *p = wk_path_join(dir, "espeak-ng-data");
	int ok;

	ok = p != NULL && stat(p, &st) == 0 && S_ISDIR(st.st_mode);
	free(p);
	return ok || (dir[0] != '\0' && stat(dir, &st) == 0 && S_ISDIR(st.st_mode));
}

enum wk_status
wk_synth_new(struct wk_synth **out, struct wk_err *err)
{
	struct wk_synth *s;
	espeak_ng_STATUS st;
	espeak_ng_ERROR_CONTEXT ctx = NULL;
	const char *data;
	int pulse;

	*out = NULL;
	if (current != NULL)
		return wk_err_set(err, WK_EAUDIO, NULL, 0, 0, "%s",
		    "espeak-ng is already in use in this process");
	if ((s = calloc(1, sizeof *s)) == NULL)
		return wk_err_nomem(err);
	/* $WILLAKUY_ESPEAK_DATA: a folder holding espeak-ng-data (a station's
	 * own build), or that folder itself; else espeak-ng's own search.
	 * espeak-ng quietly falls back to its own data when the folder is
	 * missing: a wrong setting must not go unnoticed. */
	if ((data = getenv("WILLAKUY_ESPEAK_DATA")) != NULL && !has_data(data)) {
		free(s);
		return wk_err_set(err, WK_EAUDIO, data, 0, 0, "%s",
		    _("WILLAKUY_ESPEAK_DATA names no folder of espeak-ng data "
		    "(one holding espeak-ng-data, or that folder itself); fix "
		    "or unset it"));
	}
	espeak_ng_InitializePath(data);
	st = espeak_ng_Initialize(&ctx);
	espeak_ng_ClearErrorContext(&ctx);
	if (st != ENS_OK) {
		free(s);
		return fail(err, st, _("cannot start (is the espeak-ng-data "
		    "package installed?)"));
	}
	/* Synthesis only: espeak-ng still makes an audio device object
	 * (pcaudiolib), and PulseAudio's client then tries to create its
	 * folders in $HOME, printing a warning under a service user without
	 * one. Naming a server that does not exist, for this call only, keeps
	 * it from looking; no audio is ever played. This runs before any
	 * thread is started. */
	pulse = getenv("PULSE_SERVER") == NULL &&
	    setenv("PULSE_SERVER", "unix:/nonexistent/willakuy-plays-no-audio",
	    1) == 0;
	st = espeak_ng_InitializeOutput(ENOUTPUT_MODE_SYNCHRONOUS, 0, NULL);
	if (pulse)
		unsetenv("PULSE_SERVER");
	if (st != ENS_OK) {
		espeak_ng_Terminate();
		free(s);
		return fail(err, st, _("cannot set up output"));
	}
	espeak_SetSynthCallback(on_audio);
	s->rate_hz = espeak_ng_GetSampleRate();
	current = s;
	*out = s;
	return WK_OK;
}

void
wk_synth_free(struct wk_synth *s)
{
	if (s == NULL)
		return;
	espeak_ng_Terminate();
	current = NULL;
	free(s);
}

const char *
wk_synth_version(void)
{
	return espeak_Info(NULL);
}

int
wk_synth_rate_hz(const struct wk_synth *s)
{
	return s->rate_hz;
}

enum wk_status
wk_synth_speak(struct wk_synth *s, const struct wk_voice *v, const char *text,
    wk_pcm_fn fn, void *ud, struct wk_err *err)
{
	return wk_synth_speak_words(s, v, text, fn, NULL, ud, err);
}

enum wk_status
wk_synth_speak_words(struct wk_synth *s, const struct wk_voice *v,
    const char *text, wk_pcm_fn fn, wk_word_fn word, void *ud,
    struct wk_err *err)
{
	espeak_ng_STATUS st;

	if (strcmp(s->voice, v->espeak) != 0) {
		st = espeak_ng_SetVoiceByName(v->espeak);
		if (st != ENS_OK) {
			s->voice[0] = '\0';
			return wk_err_set(err, WK_EAUDIO, v->path, 0, 0,
			    _("espeak-ng has no voice \"%s\"; install "
			    "espeak-ng-data or change espeak=\"...\""), v->espeak);
		}
		snprintf(s->voice, sizeof s->voice, "%s", v->espeak);
		s->rate_wpm = s->pitch = -1;
	}
	if (s->rate_wpm != v->rate_wpm) {
		espeak_ng_SetParameter(espeakRATE, v->rate_wpm, 0);
		s->rate_wpm = v->rate_wpm;
	}
	if (s->pitch != v->pitch) {
		espeak_ng_SetParameter(espeakPITCH, v->pitch, 0);
		s->pitch = v->pitch;
	}
	s->fn = fn;
	s->word = word;
	s->ud = ud;
	s->text = text;
	s->stopped = 0;
	st = espeak_ng_Synthesize(text, strlen(text) + 1, 0, POS_CHARACTER, 0,
	    espeakCHARS_UTF8, NULL, NULL);
	s->fn = NULL;
	s->word = NULL;
	if (s->stopped)
		return wk_err_set(err, WK_EIO, NULL, 0, 0, "%s",
		    _("synthesis stopped: the audio could not be stored"));
	if (st != ENS_OK)
		return fail(err, st, _("synthesis failed"));
	return WK_OK;
}
