package io.streamingcompanion.chatbot.tts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SpokenTextTest {

    private static SpeechPreferences preferences(SpeechPreferences.Filters filters, List<String> blocked, int max) {
        return new SpeechPreferences(true, 100, "kevin16", 1.0, max, SpeechPreferences.DEFAULT_TEMPLATE, filters, blocked);
    }

    private static final SpeechPreferences ALL = preferences(SpeechPreferences.Filters.all(), List.of(), 200);
    private static final SpeechPreferences NONE = preferences(new SpeechPreferences.Filters(false, false, false, false, false), List.of(), 500);

    @Test
    void theDefaultTemplateReadsTipperAmountAndMessage() {
        assertEquals("dave tipped 12.50: hello there", SpokenText.forTip(ALL, "dave", 1250, "hello there"));
        assertEquals("dave tipped 12", SpokenText.forTip(ALL, "dave", 1200, null));
        assertEquals("Someone tipped 5: hi", SpokenText.forTip(ALL, "  ", 500, "hi"));
    }

    @Test
    void linksEmailsAndPhoneNumbersAreNeverRead() {
        String said = SpokenText.forTip(ALL, "dave", 500,
                "go to https://evil.example/x?y=1 or www.spam.tv, mail me@bad.com, visit cheapcams.com/now call +1 (555) 123-4567");
        assertFalse(said.contains("evil"), said);
        assertFalse(said.contains("spam"), said);
        assertFalse(said.contains("bad.com") || said.contains("me@"), said);
        assertFalse(said.contains("cheapcams"), said);
        assertFalse(said.matches(".*\\d{3}.*4567.*"), said);
        assertTrue(said.startsWith("dave tipped 5: go to"), said);
        assertEquals("v1.2 is 3.5 times better, call me at 10", SpokenText.clean("v1.2 is 3.5 times better, call me at 10", ALL));
    }

    @Test
    void profanityAndTheCreatorsOwnWordsAreBleepedAsWholeWords() {
        SpeechPreferences blocking = preferences(SpeechPreferences.Filters.all(), List.of("pineapple", "Ex Boyfriend"), 200);
        assertEquals("you bleep, bleep on bleep", SpokenText.clean("you ASSHOLE, pineapple on ex   boyfriend", blocking));
        assertEquals("a classic assessment", SpokenText.clean("a classic assessment", blocking));
        assertEquals("you asshole", SpokenText.clean("you asshole", NONE));
    }

    @Test
    void runsOfRepeatedCharactersAreShortened() {
        assertEquals("soo good! wow?", SpokenText.clean("sooooooooo good!!!!!!!!! wow???", ALL));
        assertEquals("aaaaaaaa", SpokenText.clean("aaaaaaaa", NONE));
    }

    @Test
    void controlCharactersGoAndTheTextIsCutAtAWord() {
        SpeechPreferences short40 = preferences(SpeechPreferences.Filters.all(), List.of(), 40);
        String said = SpokenText.forTip(short40, "dave", 100, "one two three four five six seven eight\u0000nine\u202Eten");
        assertTrue(said.length() <= 40, said);
        assertFalse(said.chars().anyMatch(Character::isISOControl), said);
        assertTrue(said.endsWith("four") || said.endsWith("five"), said);
    }

    @Test
    void templatesMayOnlyUseKnownVariables() {
        assertEquals(List.of(), SpokenText.unknownVariables("{tipper} sent {amount} saying {message}"));
        assertEquals(List.of("sender", "goal"), SpokenText.unknownVariables("{sender} {amount} {goal}"));
    }
}
