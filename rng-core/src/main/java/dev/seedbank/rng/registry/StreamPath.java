package dev.seedbank.rng.registry;

import dev.seedbank.rng.Messages;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a stream sits in a run: a sequence of {@link PathSegment}s such as
 * {@code init/dense_1/W} or {@code data/shuffle/epoch=3}. A value; immutable and thread-safe.
 *
 * <p>Text form: segments joined by {@code /}; a segment of decimal digits is an {@link PathSegment.Index},
 * {@code name=digits} a {@link PathSegment.NamedIndex}, anything else a {@link PathSegment.Name}. Within
 * names, {@code %}, {@code /}, {@code =}, control characters and a leading digit of an all-digit name are
 * percent-encoded (UTF-8 bytes), so every path has exactly one canonical text and parses back to itself.
 */
public final class StreamPath {
    private static final StreamPath ROOT = new StreamPath(List.of());

    private final List<PathSegment> segments;

    private StreamPath(List<PathSegment> segments) {
        this.segments = segments;
    }

    /** The empty path: the root seed's own stream. */
    public static StreamPath root() {
        return ROOT;
    }

    /** Parses the text form; see the class comment. */
    public static StreamPath parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("invalid stream path '' (expected segments such as init/dense_1/W)");
        }
        int surrogate = unpairedSurrogate(text);
        if (surrogate >= 0) {
            throw new IllegalArgumentException("invalid stream path " + Messages.quote(text)
                    + ": unpaired surrogate at index " + surrogate + " (expected well-formed Unicode)");
        }
        List<PathSegment> parsed = new ArrayList<>();
        for (String raw : text.split("/", -1)) {
            parsed.add(parseSegment(raw, text));
        }
        return new StreamPath(List.copyOf(parsed));
    }

    /** This path followed by a name. */
    public StreamPath child(String name) {
        return append(new PathSegment.Name(name));
    }

    /** This path followed by an index (unsigned). */
    public StreamPath child(long index) {
        return append(new PathSegment.Index(index));
    }

    /** This path followed by {@code name=index}. */
    public StreamPath child(String name, long index) {
        return append(new PathSegment.NamedIndex(name, index));
    }

    /** This path followed by all segments of {@code suffix}. */
    public StreamPath resolve(StreamPath suffix) {
        List<PathSegment> all = new ArrayList<>(segments);
        all.addAll(suffix.segments);
        return new StreamPath(List.copyOf(all));
    }

    /** The segments, outermost first. */
    public List<PathSegment> segments() {
        return segments;
    }

    private StreamPath append(PathSegment segment) {
        List<PathSegment> all = new ArrayList<>(segments.size() + 1);
        all.addAll(segments);
        all.add(segment);
        return new StreamPath(List.copyOf(all));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StreamPath p && p.segments.equals(segments);
    }

    @Override
    public int hashCode() {
        return segments.hashCode();
    }

    /** The canonical text form ({@code ""} for the root). */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < segments.size(); k++) {
            if (k > 0) {
                sb.append('/');
            }
            sb.append(segments.get(k).text());
        }
        return sb.toString();
    }

    static void checkName(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("invalid stream path segment: empty name");
        }
        int surrogate = unpairedSurrogate(name);
        if (surrogate >= 0) {
            throw new IllegalArgumentException("invalid stream path segment " + Messages.quote(name)
                    + ": unpaired surrogate at index " + surrogate);
        }
    }

    /** Index of the first unpaired surrogate in {@code s}, or -1: such text has no UTF-8 encoding. */
    private static int unpairedSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    private static PathSegment parseSegment(String raw, String path) {
        if (raw.isEmpty()) {
            throw new IllegalArgumentException("invalid stream path " + Messages.quote(path)
                    + ": empty segment (expected names or indices between single slashes)");
        }
        if (isDigits(raw)) {
            return new PathSegment.Index(parseIndex(raw, raw, path));
        }
        int eq = raw.indexOf('=');
        if (eq < 0) {
            return new PathSegment.Name(unescape(raw, path));
        }
        String name = raw.substring(0, eq);
        String index = raw.substring(eq + 1);
        if (name.isEmpty() || !isDigits(index)) {
            throw new IllegalArgumentException("invalid stream path segment " + Messages.quote(raw) + " in " + Messages.quote(path)
                    + " (expected name=index with a decimal index; write = in names as %3D)");
        }
        return new PathSegment.NamedIndex(unescape(name, path), parseIndex(index, raw, path));
    }

    private static long parseIndex(String digits, String raw, String path) {
        try {
            return Long.parseUnsignedLong(digits);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid index in stream path segment " + Messages.quote(raw) + " of "
                    + Messages.quote(path) + " (expected 0..18446744073709551615)");
        }
    }

    private static boolean isDigits(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    static String escape(String name, boolean standalone) {
        StringBuilder sb = new StringBuilder();
        byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
        boolean allDigits = standalone && isDigits(name);
        for (int i = 0; i < utf8.length; i++) {
            int b = utf8[i] & 0xFF;
            boolean escapeIt = b == '%' || b == '/' || b == '=' || b < 0x20 || b == 0x7F || (allDigits && i == 0);
            if (escapeIt) {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(b >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 15, 16)));
            } else if (b < 0x80) {
                sb.append((char) b);
            } else {
                int len = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2;
                sb.append(new String(utf8, i, len, StandardCharsets.UTF_8));
                i += len - 1;
            }
        }
        return sb.toString();
    }

    private static String unescape(String text, String path) {
        if (text.indexOf('%') < 0) {
            return text;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < utf8.length; i++) {
            if (utf8[i] != '%') {
                out.write(utf8[i]);
                continue;
            }
            int hi = i + 1 < utf8.length ? Character.digit(utf8[i + 1], 16) : -1;
            int lo = i + 2 < utf8.length ? Character.digit(utf8[i + 2], 16) : -1;
            if (hi < 0 || lo < 0) {
                throw new IllegalArgumentException("invalid escape in stream path " + Messages.quote(path)
                        + " (expected % followed by two hex digits)");
            }
            out.write(hi << 4 | lo);
            i += 2;
        }
        byte[] bytes = out.toByteArray();
        String decoded = new String(bytes, StandardCharsets.UTF_8);
        if (!java.util.Arrays.equals(decoded.getBytes(StandardCharsets.UTF_8), bytes)) {
            throw new IllegalArgumentException("invalid escape in stream path " + Messages.quote(path)
                    + " (the escaped bytes are not UTF-8)");
        }
        return decoded;
    }
}
