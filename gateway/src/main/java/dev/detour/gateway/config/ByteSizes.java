package dev.detour.gateway.config;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses sizes written in detour.yaml: a plain byte count, or a number with a unit such as {@code 4MiB} or {@code 512KB}. */
public final class ByteSizes {

    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([A-Za-z]*)");

    private ByteSizes() {
    }

    /** @throws IllegalArgumentException saying what is accepted, when {@code text} is not a size */
    public static long parse(String text) {
        Matcher m = SIZE.matcher(text.trim().replace("_", ""));
        if (!m.matches()) {
            throw new IllegalArgumentException("expected a size such as 4MiB, 512KiB or 1048576 (bytes)");
        }
        long unit = switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "", "b" -> 1L;
            case "kb" -> 1_000L;
            case "mb" -> 1_000_000L;
            case "gb" -> 1_000_000_000L;
            case "kib" -> 1L << 10;
            case "mib" -> 1L << 20;
            case "gib" -> 1L << 30;
            default -> throw new IllegalArgumentException(
                    "unknown size unit '" + m.group(2) + "' (use B, KB, MB, GB, KiB, MiB or GiB)");
        };
        BigDecimal bytes = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unit));
        if (bytes.stripTrailingZeros().scale() > 0) {
            throw new IllegalArgumentException("a size must come to a whole number of bytes");
        }
        try {
            return bytes.longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("size too large");
        }
    }
}
