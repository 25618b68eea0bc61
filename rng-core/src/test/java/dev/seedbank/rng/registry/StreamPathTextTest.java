package dev.seedbank.rng.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The text form of stream paths: canonical, round-trips, and rejects bad text with one-line messages. */
class StreamPathTextTest {

    private static void assertOneLine(String message) {
        assertFalse(message.contains("\n") || message.contains("\r"), () -> "message is not one line: " + message);
    }

    @Test
    void generatedPathsRoundTrip() {
        PathGenerator gen = new PathGenerator(11);
        for (int k = 0; k < 20_000; k++) {
            StreamPath p = gen.path(5);
            String text = p.toString();
            StreamPath parsed = StreamPath.parse(text);
            assertEquals(p, parsed, () -> "parse(\"" + text + "\")");
            assertEquals(text, parsed.toString());
            assertEquals(p.hashCode(), parsed.hashCode());
            // the canonical text has no control characters and one '/' per segment boundary
            assertTrue(text.chars().noneMatch(c -> c < 0x20 || c == 0x7F), () -> "control character in " + text);
            assertEquals(p.segments().size() - 1, text.chars().filter(c -> c == '/').count(), text);
        }
    }

    @Test
    void specificNamesRoundTrip() {
        List<String> names = List.of("a/b", "a=b", "100%", "%2F", "%", "=", "/", "1", "0", "007",
                "18446744073709551616", "1a", "a1", "épée", "权重", "\uD83D\uDE00", "tab\there", "nl\n", "\u0000",
                "\u007F", " ", "epoch=3", "%zz", "%C3", "a%", "\u2028", "\uFFFD");
        for (String name : names) {
            StreamPath asName = StreamPath.root().child(name);
            assertEquals(asName, StreamPath.parse(asName.toString()), () -> "name '" + name + "'");
            assertEquals(name, ((PathSegment.Name) StreamPath.parse(asName.toString()).segments().get(0)).name());
            StreamPath named = StreamPath.root().child(name, 5);
            assertEquals(named, StreamPath.parse(named.toString()), () -> "named index '" + name + "'=5");
            StreamPath nested = StreamPath.root().child("x").child(name).child(7).child(name, -1L);
            assertEquals(nested, StreamPath.parse(nested.toString()), () -> "nested '" + name + "'");
        }
    }

    @Test
    void canonicalTextExamples() {
        StreamPath r = StreamPath.root();
        assertEquals("", r.toString());
        assertEquals("init/dense_1/W", r.child("init").child("dense_1").child("W").toString());
        assertEquals("data/shuffle/epoch=3", r.child("data").child("shuffle").child("epoch", 3).toString());
        assertEquals("a%2Fb", r.child("a/b").toString());
        assertEquals("%31", r.child("1").toString());
        assertEquals("1", r.child(1).toString());
        assertEquals("1=2", r.child("1", 2).toString());
        assertEquals("18446744073709551615", r.child(-1L).toString());
        assertEquals("k%3Dv=18446744073709551615", r.child("k=v", -1L).toString());
        assertEquals("100%25", r.child("100%").toString());
        assertEquals(List.of(new PathSegment.Name("init"), new PathSegment.Index(-1L),
                new PathSegment.NamedIndex("epoch", 3)), StreamPath.parse("init/18446744073709551615/epoch=3").segments());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a//b", "/a", "a/", "/", "epoch=-1", "epoch=abc", "x=18446744073709551616",
        "18446744073709551616", "=3", "%zz", "%C3", "a%2", "a%", "%C0%AF", "%ED%A0%80", "x/%FF"})
    void badTextIsRejectedWithOneLineMessageNamingIt(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StreamPath.parse(text));
        String message = e.getMessage();
        assertOneLine(message);
        assertTrue(message.contains("'" + text + "'"), () -> "message does not name '" + text + "': " + message);
    }

    @Test
    void nullTextIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> StreamPath.parse(null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\uD800", "\uDC00", "a\uDC00\uD800b", "\uD83D"})
    void unpairedSurrogatesAreRejected(String name) {
        for (org.junit.jupiter.api.function.Executable make : List.<org.junit.jupiter.api.function.Executable>of(
                () -> new PathSegment.Name(name), () -> StreamPath.root().child(name),
                () -> StreamPath.root().child(name, 3), () -> StreamPath.parse("x/" + name))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, make);
            assertOneLine(e.getMessage());
            assertTrue(e.getMessage().contains("surrogate"), e.getMessage());
        }
    }

    @Test
    void emptyNamesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> StreamPath.root().child(""));
        assertThrows(IllegalArgumentException.class, () -> StreamPath.root().child("", 1));
        assertThrows(IllegalArgumentException.class, () -> StreamPath.root().child((String) null));
    }

    /** Text with a control character must not break the message over lines (it names the text escaped). */
    @Test
    void messagesForBadTextWithControlCharactersAreOneLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StreamPath.parse("a\n//b"));
        assertOneLine(e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> StreamPath.parse("line\nbreak=x"));
        assertOneLine(e.getMessage());
    }
}
