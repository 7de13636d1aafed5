package org.ntpgeo.data;

/** Every Unicode code point of the document is a token, except carriage returns (U+000D), which are dropped. */
public final class CharTokenizer implements Tokenizer {
    @Override
    public String name() {
        return "char";
    }

    @Override
    public void tokenize(char[] text, int start, int end, TokenSink sink) {
        int i = start;
        while (i < end) {
            char c = text[i];
            int w = Character.isHighSurrogate(c) && i + 1 < end && Character.isLowSurrogate(text[i + 1]) ? 2 : 1;
            if (c != '\r') sink.token(text, i, i + w);
            i += w;
        }
    }
}
