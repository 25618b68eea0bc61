package dev.seedbank.rng.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DecimalTextTest {

    private static int digits(String s) {
        return new BigDecimal(s).stripTrailingZeros().precision();
    }

    @Test
    void floatsRoundTripWithNoMoreDigitsThanTheJdk() {
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < 200_000; i++) {
            float f = Float.intBitsToFloat(r.nextInt());
            if (!Float.isFinite(f)) {
                continue;
            }
            String s = DecimalText.shortest(f);
            assertEquals(Float.floatToIntBits(f), Float.floatToIntBits(Float.parseFloat(s)), s);
            assertTrue(digits(s) <= digits(Float.toString(f)), s + " vs " + Float.toString(f));
        }
    }

    @Test
    void doublesRoundTripWithNoMoreDigitsThanTheJdk() {
        SplittableRandom r = new SplittableRandom(2);
        for (int i = 0; i < 100_000; i++) {
            double d = Double.longBitsToDouble(r.nextLong());
            if (!Double.isFinite(d)) {
                continue;
            }
            String s = DecimalText.shortest(d);
            assertEquals(Double.doubleToLongBits(d), Double.doubleToLongBits(Double.parseDouble(s)), s);
            assertTrue(digits(s) <= digits(Double.toString(d)), s + " vs " + Double.toString(d));
        }
    }

    @Test
    void formatsLikeJava() {
        assertEquals("0.5", DecimalText.shortest(0.5f));
        assertEquals("1.0", DecimalText.shortest(1f));
        assertEquals("-2.25", DecimalText.shortest(-2.25f));
        assertEquals("1.0E-5", DecimalText.shortest(1e-5f));
        assertEquals(Float.MIN_VALUE, Float.parseFloat(DecimalText.shortest(Float.MIN_VALUE)));
        assertEquals("1.0E7", DecimalText.shortest(1e7f));
        assertEquals("0.001", DecimalText.shortest(0.001));
        assertEquals("0.0", DecimalText.shortest(0f));
    }
}
