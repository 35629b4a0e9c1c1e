# Spanish for the audio input checks (issue 26 items 3, 6, 7; issue 24
# item 3): float clips with samples that are not numbers, clips far over
# full scale, recorded prompts checked against the voice.
T = {
"%llu of the clip's samples are not numbers (NaN or infinite): the file is damaged; export it again from the audio editor": "%llu muestras del clip no son números (NaN o infinitas): el archivo está dañado; expórtelo de nuevo desde el editor de audio",
"the clip's samples reach %+.0f dBFS, more than %+d dBFS: no recording is that loud, the file is damaged; export it again from the audio editor": "las muestras del clip llegan a %+.0f dBFS, más de %+d dBFS: ninguna grabación suena tan fuerte, el archivo está dañado; expórtelo de nuevo desde el editor de audio",
"%llu of the clip's samples were not numbers (NaN or infinite) and are played as silence: the file is damaged; export it again": "%llu muestras del clip no eran números (NaN o infinitas) y se reproducen como silencio: el archivo está dañado; expórtelo de nuevo",
"bed %s: %s": "fondo %s: %s",
"recorded prompt %s matches the voice: %.0f Hz, and the voice says the same words at %.0f Hz": "la grabación %s coincide con la voz: %.0f Hz, y la voz dice las mismas palabras a %.0f Hz",
"recorded prompt %s taken: the voice says its words too briefly to compare their pitch": "se acepta la grabación %s: la voz dice sus palabras demasiado rápido para comparar el tono",
"the recording is silent: its loudest sound is at %.0f dBFS": "la grabación está en silencio: su sonido más fuerte llega a %.0f dBFS",
"the recording is a steady tone (%.0f %% of it), not speech": "la grabación es un tono continuo (el %.0f %% de ella), no una voz",
"the recording is not speech: only %.0f %% of it is voiced (noise, hum or clicks?)": "la grabación no es una voz: solo el %.0f %% de ella es sonoro (¿ruido, zumbido o chasquidos?)",
"the recording is %.0f dB quieter than the voice saying the same words; record it again closer to the microphone": "la grabación está %.0f dB más baja que la voz diciendo las mismas palabras; grábela de nuevo más cerca del micrófono",
"its pitch is %.0f Hz and the voice says the same words at %.0f Hz, %.1f semitones apart (at most %.0f): another speaker; record it in the station's voice, or bring the voice's pitch closer in voice.xml": "su tono es de %.0f Hz y la voz dice las mismas palabras a %.0f Hz, a %.1f semitonos de distancia (como máximo %.0f): es otro locutor; grábela con la voz de la emisora o acerque el tono de la voz en voice.xml",
" and %zu more": " y %zu más",
"the recording is a steady buzz or hum at %.0f Hz (its pitch does not move), not speech": "la grabación es un zumbido continuo de %.0f Hz (su tono no cambia), no una voz",
"%zu recorded prompt(s) of voice '%s' cannot be used, and their words are synthesized: %s (`willakuy preview` says why for each)": "no se pueden usar %zu grabación(es) de la voz '%s', y sus palabras se sintetizan: %s (`willakuy preview` dice por qué en cada caso)",
"out of memory: recorded prompts that could not be checked against the voice are not used; their words are synthesized": "memoria agotada: no se usan las grabaciones que no se pudieron comparar con la voz; sus palabras se sintetizan",
}
