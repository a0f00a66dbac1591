package org.citebot.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * A stream of queries in which a few are asked very often and most rarely, as in a discussion group:
 * the queries are put in a fixed random order of popularity and the query at rank r (1-based) is
 * drawn with probability proportional to 1 / r^s.
 */
final class ZipfQueryStream {

    private final List<String> byPopularity;
    private final double[] cumulative;
    private final Random random;

    ZipfQueryStream(List<String> queries, double exponent, long seed) {
        if (queries.isEmpty()) {
            throw new IllegalArgumentException("no queries");
        }
        Random shuffle = new Random(seed);
        List<String> order = new ArrayList<>(queries);
        Collections.shuffle(order, shuffle);
        this.byPopularity = List.copyOf(order);
        this.cumulative = new double[order.size()];
        double sum = 0;
        for (int rank = 1; rank <= order.size(); rank++) {
            sum += 1 / Math.pow(rank, exponent);
            cumulative[rank - 1] = sum;
        }
        for (int i = 0; i < cumulative.length; i++) {
            cumulative[i] /= sum;
        }
        this.random = new Random(seed + 1);
    }

    /** The next query of the stream. */
    String next() {
        double u = random.nextDouble();
        int index = Arrays.binarySearch(cumulative, u);
        if (index < 0) {
            index = -index - 1;
        }
        return byPopularity.get(Math.min(index, byPopularity.size() - 1));
    }
}
