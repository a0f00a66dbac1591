package org.citebot.bench;

/**
 * citebot's figure over a baseline's: above 1 means citebot's figure is larger (slower for
 * latencies and time, faster for throughputs, bigger for sizes).
 */
public record Ratio(String figure, String baseline, double citebot, double other, double ratio) {

    static Ratio of(String figure, String baseline, double citebot, double other) {
        return new Ratio(figure, baseline, citebot, other, other == 0 ? Double.NaN : citebot / other);
    }
}
