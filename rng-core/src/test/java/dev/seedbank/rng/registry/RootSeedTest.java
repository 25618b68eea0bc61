package dev.seedbank.rng.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Root seed resolution: system property, then environment, then a fresh logged seed. */
class RootSeedTest {
    private static final String PROPERTY_SOURCE = "system property seedbank.seed";
    private static final String ENV_SOURCE = "environment variable SEEDBANK_SEED";

    private static Properties props(String value) {
        Properties p = new Properties();
        if (value != null) {
            p.setProperty(RootSeed.PROPERTY, value);
        }
        return p;
    }

    private static Map<String, String> env(String value) {
        return value == null ? Map.of() : Map.of(RootSeed.ENVIRONMENT, value);
    }

    @Test
    void namesAreAsDocumented() {
        assertEquals("seedbank.seed", RootSeed.PROPERTY);
        assertEquals("SEEDBANK_SEED", RootSeed.ENVIRONMENT);
    }

    @Test
    void propertyWinsOverEnvironment() {
        RootSeed seed = RootSeed.resolve(props("7"), env("9"));
        assertEquals(7, seed.value());
        assertEquals(PROPERTY_SOURCE, seed.source());
    }

    @Test
    void environmentIsUsedWithoutProperty() {
        RootSeed seed = RootSeed.resolve(props(null), env("9"));
        assertEquals(9, seed.value());
        assertEquals(ENV_SOURCE, seed.source());
        // other properties and variables are not consulted
        Properties other = props(null);
        other.setProperty("seedbank.other", "1");
        assertEquals(9, RootSeed.resolve(other, Map.of(RootSeed.ENVIRONMENT, "9", "SEEDBANK_OTHER", "1")).value());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0|0", "1|1", "42|42", "0x2a|42", "0X2A|42", "0x0|0",
        "18446744073709551615|-1", "0xffffffffffffffff|-1", "0xFFFFFFFFFFFFFFFF|-1",
        "9223372036854775808|-9223372036854775808", "0x8000000000000000|-9223372036854775808",
        "9223372036854775807|9223372036854775807"})
    void decimalAndHexOverTheFullUnsignedRange(String text, long expected) {
        assertEquals(expected, RootSeed.resolve(props(text), env(null)).value(), "property " + text);
        assertEquals(expected, RootSeed.resolve(props(null), env(text)).value(), "environment " + text);
        assertEquals(expected, SeedRegistry.of(RootSeed.resolve(props(text), env(null))).seed().value());
    }

    private static void assertRejected(IllegalArgumentException e, String source, String value) {
        String m = e.getMessage();
        assertFalse(m.contains("\n") || m.contains("\r"), () -> "not one line: " + m);
        assertTrue(m.contains(source), () -> "message does not name " + source + ": " + m);
        assertTrue(m.contains("'" + value + "'"), () -> "message does not name the value '" + value + "': " + m);
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "-1", "18446744073709551616", "", " 0x", "0x", "0x10000000000000000", "+1",
        "1.5", "0x-1", "1e3", "0xg"})
    void badPropertyValuesAreRejected(String value) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RootSeed.resolve(props(value), env("5")));
        assertRejected(e, PROPERTY_SOURCE, value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "-1", "18446744073709551616", "", " 0x", "0x", "0x10000000000000000", "+1"})
    void badEnvironmentValuesAreRejected(String value) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RootSeed.resolve(props(null), env(value)));
        assertRejected(e, ENV_SOURCE, value);
    }

    /** A value with a line break inside must still give a one-line message. */
    @Test
    void badValueWithLineBreakGivesOneLineMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RootSeed.resolve(props(null), env("12\n34")));
        String m = e.getMessage();
        assertFalse(m.contains("\n") || m.contains("\r"), () -> "not one line: " + m);
        assertTrue(m.contains(ENV_SOURCE), m);
    }

    @Test
    void noneGivenGeneratesAFreshSeed() {
        RootSeed a = RootSeed.resolve(props(null), env(null));
        RootSeed b = RootSeed.resolve(new Properties(), Map.of("PATH", "/bin"));
        assertEquals("generated", a.source());
        assertEquals("generated", b.source());
        assertNotEquals(a.value(), b.value(), "two generated seeds were equal (chance 2^-64)");
    }

    @Test
    void explicitAndToString() {
        RootSeed s = RootSeed.explicit(-1L);
        assertEquals("explicit", s.source());
        assertEquals("0xffffffffffffffff (explicit)", s.toString());
        assertEquals("explicit", SeedRegistry.of(5).seed().source());
        assertEquals(5, SeedRegistry.of(5).seed().value());
    }
}
