package org.citebot.app;

import java.time.Clock;
import java.util.HashSet;
import java.util.Optional;
import java.util.function.Function;
import org.citebot.config.CitebotConfig;
import org.citebot.extract.ArticleExtractor;
import org.citebot.fetch.FetchSettings;
import org.citebot.fetch.SafeFetcher;
import org.citebot.passages.Audience;
import org.citebot.passages.PassageStore;
import org.citebot.sources.AddedSources;
import org.citebot.sources.SourceCuration;
import org.citebot.sources.SourcePreviewer;

/**
 * Builds the pieces of corpus curation from the configuration, the same for the bot and for {@code
 * citebot sources}: the safe fetcher's settings, who sees which added articles ({@code
 * sources.visibleEverywhere}), and the curation service writing to an index.
 */
public final class CurationSetup {

    private CurationSetup() {}

    /** The fetcher's settings from the {@code sources.fetch.*} configuration keys. */
    public static FetchSettings fetchSettings(CitebotConfig.Fetch fetch) {
        return new FetchSettings(
                fetch.allowLoopback(),
                fetch.maxBytes(),
                fetch.connectTimeout(),
                fetch.timeout(),
                new HashSet<>(fetch.allowedPorts()),
                fetch.userAgent());
    }

    /**
     * Who a server's members are (empty: a direct message or the console): its own additions and the
     * corpus folder's documents, or everything when {@code sources.visibleEverywhere} is on.
     */
    public static Function<Optional<String>, Audience> audiences(CitebotConfig config) {
        boolean everywhere = config.sources().visibleEverywhere();
        return server -> everywhere ? Audience.EVERYTHING : Audience.in(server);
    }

    /** The curation service over {@code store}, writing added articles to {@code index}. */
    public static SourceCuration curation(
            CitebotConfig config, AddedSources store, SourceCuration.IndexWriter index, Clock clock) {
        SourcePreviewer previewer = new SourcePreviewer(
                new SafeFetcher(fetchSettings(config.sources().fetch())), new ArticleExtractor());
        return new SourceCuration(previewer, store, index, clock);
    }

    /**
     * Writes to {@code passages} unless a corpus run holds them: that run, or the next, takes the
     * article in from the store of added articles, so a moderator never waits for a whole reindex.
     */
    public static SourceCuration.IndexWriter writerFor(PassageStore passages) {
        return (put, remove) -> passages.tryPatch(put, remove).isPresent();
    }
}
