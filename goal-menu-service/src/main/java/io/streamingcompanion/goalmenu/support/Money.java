package io.streamingcompanion.goalmenu.support;

/** Amounts are integer cents; this bounds what a goal, a menu price or an animation threshold may be. */
public final class Money {

    /** One million in the currency's major unit: far above any single goal or price, far below overflow. */
    public static final long MAX_CENTS = 100_000_000L;
    public static final String MAX_CENTS_MESSAGE = "must be at most 100000000 (cents)";

    private Money() {
    }

    /** Whole percent of the target reached, 0..100, rounded down so 100 means the goal is met. */
    public static int percentage(long currentCents, long targetCents) {
        if (targetCents <= 0) {
            return 0;
        }
        return (int) Math.min(100, currentCents * 100 / targetCents);
    }
}
