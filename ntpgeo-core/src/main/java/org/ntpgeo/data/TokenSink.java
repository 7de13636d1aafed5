package org.ntpgeo.data;

/** Receives tokens as character ranges (valid only during the call; copy what you keep). */
@FunctionalInterface
public interface TokenSink {
    void token(char[] buf, int start, int end);
}
