package org.citebot.sources;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.citebot.extract.ArticleExtractor;
import org.citebot.extract.ExtractedArticle;
import org.citebot.fetch.FetchRefusedException;
import org.citebot.fetch.FetchedPage;
import org.citebot.fetch.LinkProbe;
import org.citebot.fetch.SafeFetcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The link check of added articles: requests each article's URL politely (a conditional request
 * with the last check's validators, requests to one host spaced out, an unreachable site retried
 * after a doubling wait) and records what it found: alive, moved (with the new URL), gone (404,
 * 410), unreachable, or changed (the extracted article differs from the stored one). Run on the
 * background schedule, daily by default; its findings go to each server's moderator log as one
 * summary per run.
 */
public final class LinkChecker {

    private static final Logger LOG = LoggerFactory.getLogger(LinkChecker.class);

    /** The longest wait between checks of a site that keeps failing, in check intervals. */
    static final int MAX_BACKOFF = 16;

    /** Waits between two requests to one host; a test passes one that does not wait. */
    @FunctionalInterface
    public interface Pause {
        void pause(Duration duration) throws InterruptedException;
    }

    /** An article whose link broke or changed in this run, with what the check found. */
    public record Finding(SourceRecord source, LinkHealth health) {}

    private final AddedSources store;
    private final SafeFetcher fetcher;
    private final ArticleExtractor extractor;
    private final PdfArticleReader pdf = new PdfArticleReader();
    private final Clock clock;
    private final Duration interval;
    private final Duration hostSpacing;
    private final Pause pause;

    /**
     * @param interval how often the check runs; an unreachable site waits a doubling number of them
     * @param hostSpacing the least time between two requests to one host
     */
    public LinkChecker(
            AddedSources store,
            SafeFetcher fetcher,
            ArticleExtractor extractor,
            Clock clock,
            Duration interval,
            Duration hostSpacing,
            Pause pause) {
        this.store = store;
        this.fetcher = fetcher;
        this.extractor = extractor;
        this.clock = clock;
        this.interval = interval;
        this.hostSpacing = hostSpacing;
        this.pause = pause;
    }

    /**
     * Checks every article that is due and records what it found.
     *
     * @return the articles whose status became a problem (or a different one) in this run
     */
    public List<Finding> checkDue() throws InterruptedException {
        Map<String, Instant> lastRequest = new HashMap<>();
        List<Finding> findings = new ArrayList<>();
        int checked = 0;
        for (SourceRecord source : store.records()) {
            LinkHealth before = source.health();
            Instant now = clock.instant();
            if (before.nextCheck().filter(now::isBefore).isPresent()) {
                continue;
            }
            String host = Optional.ofNullable(source.url().getHost()).orElse("").toLowerCase(Locale.ROOT);
            Instant last = lastRequest.get(host);
            if (last != null) {
                Duration waited = Duration.between(last, clock.instant());
                if (waited.compareTo(hostSpacing) < 0) {
                    pause.pause(hostSpacing.minus(waited));
                }
            }
            lastRequest.put(host, clock.instant());
            LinkHealth after = check(source, before);
            checked++;
            if (!store.recordHealth(source.id(), after)) {
                continue;
            }
            boolean newProblem = after.status().isProblem()
                    && (after.status() != before.status() || !after.movedTo().equals(before.movedTo()));
            if (newProblem) {
                findings.add(new Finding(source, after));
            }
        }
        LOG.info("Link check: {} sources checked, {} broke or changed", checked, findings.size());
        return findings;
    }

    private LinkHealth check(SourceRecord source, LinkHealth before) {
        Instant now = clock.instant();
        LinkProbe probe;
        try {
            probe = fetcher.probe(source.url().toString(), before.etag(), before.lastModified());
        } catch (FetchRefusedException e) {
            return unreachable(before, now, e.getMessage());
        }
        return switch (probe.status()) {
            // Unchanged since the last check: whatever that check found still holds.
            case 304 ->
                before.status() == LinkHealth.Status.CHANGED
                        ? healthy(LinkHealth.Status.CHANGED, before, now, probe, before.liveText(), Optional.empty())
                        : healthy(LinkHealth.Status.ALIVE, before, now, probe, Optional.empty(), Optional.empty());
            case 301, 308 -> healthy(LinkHealth.Status.MOVED, before, now, probe, Optional.empty(), probe.movedTo());
            case 404, 410 ->
                new LinkHealth(
                        LinkHealth.Status.GONE,
                        Optional.of(now),
                        Optional.of("the site answered " + probe.status()),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        0,
                        Optional.empty(),
                        Optional.empty());
            case 200 -> compare(source, before, now, probe);
            default -> unreachable(before, now, "the site answered " + probe.status());
        };
    }

    /** A page that answered: alive when its article is what is stored, else changed, with its live text. */
    private LinkHealth compare(SourceRecord source, LinkHealth before, Instant now, LinkProbe probe) {
        FetchedPage page = probe.page().orElseThrow();
        Optional<AddedArticle> stored = store.article(source.id());
        if (stored.isEmpty()) {
            return before;
        }
        ExtractedArticle live;
        try {
            live = page.isPdf()
                    ? pdf.read(page.body())
                    : extractor.extract(
                            page.body(), page.charset(), source.url().toString());
        } catch (SourceRefusedException e) {
            return healthy(LinkHealth.Status.CHANGED, before, now, probe, Optional.of(""), Optional.empty());
        }
        if (live.paragraphs().equals(stored.get().paragraphs())) {
            return healthy(LinkHealth.Status.ALIVE, before, now, probe, Optional.empty(), Optional.empty());
        }
        return healthy(LinkHealth.Status.CHANGED, before, now, probe, Optional.of(live.body()), Optional.empty());
    }

    private static LinkHealth healthy(
            LinkHealth.Status status,
            LinkHealth before,
            Instant now,
            LinkProbe probe,
            Optional<String> liveText,
            Optional<URI> movedTo) {
        return new LinkHealth(
                status,
                Optional.of(now),
                Optional.empty(),
                movedTo,
                probe.etag().or(before::etag),
                probe.lastModified().or(before::lastModified),
                0,
                Optional.empty(),
                liveText);
    }

    /** One more failure in a row: the next check waits twice as long as the last, up to {@value #MAX_BACKOFF} intervals. */
    private LinkHealth unreachable(LinkHealth before, Instant now, String reason) {
        int failures = before.failures() + 1;
        long intervals = Math.min(MAX_BACKOFF, 1L << Math.min(30, failures - 1));
        return new LinkHealth(
                LinkHealth.Status.UNREACHABLE,
                Optional.of(now),
                Optional.of(reason),
                Optional.empty(),
                before.etag(),
                before.lastModified(),
                failures,
                // A little short of whole intervals, so the run that many intervals later finds it due.
                Optional.of(now.plus(interval.multipliedBy(intervals)).minus(interval.dividedBy(10))),
                before.liveText());
    }
}
