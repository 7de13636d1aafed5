package org.ntpgeo.data;

/**
 * The Unicode {@code White_Space} property (PropList.txt): U+0009..U+000D, U+0020, U+0085, U+00A0, U+1680,
 * U+2000..U+200A, U+2028, U+2029, U+202F, U+205F, U+3000. All are in the BMP, so a UTF-16 unit test suffices.
 * (This differs from {@link Character#isWhitespace}, which excludes no-break spaces and includes U+001C..U+001F.)
 */
public final class UnicodeWhitespace {
    private UnicodeWhitespace() {}

    public static boolean is(char c) {
        if (c > 0x20 && c < 0x85) return false;
        if (c <= 0x20) return c == 0x20 || (c >= 0x09 && c <= 0x0D);
        if (c < 0x1680) return c == 0x85 || c == 0xA0;
        return c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F
                || c == 0x205F || c == 0x3000;
    }
}
