package org.ntpgeo.data;

/** Tokens are the maximal runs of characters that are not Unicode White_Space; nothing else is changed. */
public final class WhitespaceTokenizer implements Tokenizer {
    @Override
    public String name() {
        return "whitespace";
    }

    @Override
    public void tokenize(char[] text, int start, int end, TokenSink sink) {
        int i = start;
        while (i < end) {
            while (i < end && UnicodeWhitespace.is(text[i])) i++;
            if (i >= end) break;
            int s = i;
            while (i < end && !UnicodeWhitespace.is(text[i])) i++;
            sink.token(text, s, i);
        }
    }
}
