package io.streamingcompanion.chatbot.tts;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The maintained word list (LDNOOBW, English; see the resource's header for its source and licence). */
final class ProfanityList {

    static final List<String> ENGLISH = load("/tts/profanity-en.txt");

    private ProfanityList() {
    }

    private static List<String> load(String resource) {
        try (InputStream in = ProfanityList.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing");
            }
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                    .map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
