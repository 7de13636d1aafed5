package org.ntpgeo.reproduce;

/**
 * How much compute an experiment may spend: {@link #FULL} for {@code ntpgeo reproduce} (all experiments within
 * about an hour on 2 cores), {@link #DEMO} for {@code ntpgeo demo} (a few minutes; the UFM still converges far
 * enough for its claims, the neural models only train briefly), {@link #TEST} for unit tests (seconds).
 */
public enum Scale {
    TEST, DEMO, FULL;

    /** Pick the value for this scale. */
    public int pick(int test, int demo, int full) {
        return switch (this) {
            case TEST -> test;
            case DEMO -> demo;
            case FULL -> full;
        };
    }

    public double pick(double test, double demo, double full) {
        return switch (this) {
            case TEST -> test;
            case DEMO -> demo;
            case FULL -> full;
        };
    }
}
