package dev.seedbank.rng.stream;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * The shortest decimal that reads back to the same float or double, formatted like Java's
 * {@code Float.toString}: plain in [10^-3, 10^7), otherwise {@code d.dddE±n}. Computed here rather than
 * by {@code Float.toString}, whose digits are not always shortest before JDK 19 and changed in JDK 19,
 * so the text is the same on every JVM. Stateless; thread-safe.
 */
final class DecimalText {
    private static final BigDecimal PLAIN_MIN = new BigDecimal("0.001");
    private static final BigDecimal PLAIN_MAX = new BigDecimal("10000000");

    private DecimalText() {
    }

    static String shortest(float value) {
        if (!Float.isFinite(value) || value == 0) {
            return Float.toString(value);
        }
        BigDecimal exact = new BigDecimal(value);
        for (int digits = 1; ; digits++) {
            BigDecimal candidate = exact.round(new MathContext(digits, RoundingMode.HALF_EVEN));
            if (candidate.floatValue() == value) {
                return format(candidate);
            }
        }
    }

    static String shortest(double value) {
        if (!Double.isFinite(value) || value == 0) {
            return Double.toString(value);
        }
        BigDecimal exact = new BigDecimal(value);
        for (int digits = 1; ; digits++) {
            BigDecimal candidate = exact.round(new MathContext(digits, RoundingMode.HALF_EVEN));
            if (candidate.doubleValue() == value) {
                return format(candidate);
            }
        }
    }

    private static String format(BigDecimal d) {
        BigDecimal v = d.stripTrailingZeros();
        BigDecimal abs = v.abs();
        if (abs.compareTo(PLAIN_MIN) >= 0 && abs.compareTo(PLAIN_MAX) < 0) {
            String plain = v.toPlainString();
            return plain.indexOf('.') < 0 ? plain + ".0" : plain;
        }
        String digits = v.unscaledValue().abs().toString();
        int exponent = v.precision() - v.scale() - 1;
        String mantissa = digits.charAt(0) + "." + (digits.length() > 1 ? digits.substring(1) : "0");
        return (v.signum() < 0 ? "-" : "") + mantissa + "E" + exponent;
    }
}
