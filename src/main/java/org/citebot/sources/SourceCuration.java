package org.citebot.sources;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.citebot.passages.Audience;
import org.citebot.passages.DocumentOrigin;
import org.citebot.passages.IndexedDocument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adding and removing articles by URL, the same for {@code /sources} and {@code citebot sources}:
 * a preview first (fetched and extracted, nothing stored), then on confirmation the article is
 * stored (the source of truth) and only that document is written to the index; a removal deletes it
 * from both. Which articles a server may list or remove follows its {@link Audience}.
 */
public final class SourceCuration {

    private static final Logger LOG = LoggerFactory.getLogger(SourceCuration.class);

    /**
     * Writes single documents to the serving index without touching the rest ({@code
     * PassageIndex.patch}); the command line, beside a running bot that holds the index, has none.
     */
    @FunctionalInterface
    public interface IndexWriter {

        /** No index to write: the article is only stored, and the next corpus run indexes it. */
        IndexWriter NONE = (put, remove) -> false;

        /**
         * Puts {@code put} and removes the documents {@code remove} names.
         *
         * @return whether the index was written (false: nothing was, the next corpus run will)
         */
        boolean write(List<IndexedDocument> put, List<String> remove) throws IOException;
    }

    /** What confirming a preview did. */
    public sealed interface Outcome {

        /**
         * Stored, and searchable at once when {@code indexed}; otherwise the next corpus run
         * (a reindex or a restart) takes it in from the store.
         */
        record Added(AddedArticle article, int passages, boolean indexed) implements Outcome {}

        /** This server (or the command line) already added the article at that URL; nothing changed. */
        record AlreadyAdded(SourceRecord existing) implements Outcome {}
    }

    private final SourcePreviewer previewer;
    private final AddedSources store;
    private final StoredArticles articles;
    private final IndexWriter index;
    private final Clock clock;

    public SourceCuration(SourcePreviewer previewer, AddedSources store, IndexWriter index, Clock clock) {
        this.previewer = previewer;
        this.store = store;
        this.articles = new StoredArticles(store);
        this.index = index;
        this.clock = clock;
    }

    /** The store as the indexer takes it in: every corpus run re-creates the added articles from it. */
    public StoredArticles articles() {
        return articles;
    }

    /**
     * Fetches and extracts the article at {@code url}; stores nothing.
     *
     * @throws SourceRefusedException with the reason when it cannot be fetched safely or is not an article
     */
    public SourcePreview preview(String url) throws SourceRefusedException {
        return previewer.preview(url);
    }

    /**
     * Stores the previewed article as belonging to {@code server} (empty: every server) and indexes
     * that document alone.
     *
     * @param addedBy the member's id, or {@link AddedArticle#COMMAND_LINE}
     * @throws SourceRefusedException when nothing of it can be made into passages
     */
    public Outcome add(SourcePreview preview, Optional<String> server, String addedBy) throws SourceRefusedException {
        String id = AddedArticle.idFor(server, preview.url());
        AddedArticle article = new AddedArticle(
                id,
                preview.url(),
                preview.requested(),
                preview.fetchedFrom(),
                preview.format(),
                preview.metadata(),
                preview.paragraphs(),
                preview.headings(),
                server,
                addedBy,
                clock.instant());
        IndexedDocument document = articles.indexed(article)
                .orElseThrow(() -> new SourceRefusedException("no passage of readable text is left of it"));
        Optional<SourceRecord> existing = record(id);
        if (existing.isPresent() || !store.add(article, preview.page())) {
            return new Outcome.AlreadyAdded(existing.or(() -> record(id)).orElseThrow());
        }
        boolean indexed = false;
        try {
            indexed = index.write(List.of(document), List.of());
        } catch (IOException | RuntimeException e) {
            // The store is the source of truth: the next corpus run indexes what could not be written now.
            LOG.warn("The added article {} is stored but could not be indexed now: {}", id, e.toString());
        }
        LOG.info(
                "Added article {} ({} passages) for server {}, indexed now: {}",
                id,
                document.passages().size(),
                server.orElse("*"),
                indexed);
        return new Outcome.Added(article, document.passages().size(), indexed);
    }

    /**
     * Removes an article from the store and the index. A server removes only its own additions;
     * those of the command line (every server's) only an audience that sees everything removes.
     *
     * @return what was removed; empty when no such article is stored or it is not {@code audience}'s
     */
    public Optional<SourceRecord> remove(String id, Audience audience) {
        Optional<SourceRecord> record = record(id).filter(r -> removableBy(r, audience));
        if (record.isEmpty() || !store.remove(id)) {
            return Optional.empty();
        }
        try {
            index.write(List.of(), List.of(id));
        } catch (IOException | RuntimeException e) {
            LOG.warn("The removed article {} stays in the index until the next corpus run: {}", id, e.toString());
        }
        LOG.info("Removed added article {}", id);
        return record;
    }

    /**
     * Fetches a stored article's page again and replaces its text with what the page holds now,
     * keeping its title, author and date (a moderator may have corrected them), who added it and
     * when; reindexes that document alone and marks its link alive.
     *
     * @return the refreshed article and its passage count; empty when it is not {@code audience}'s
     * @throws SourceRefusedException when the page cannot be fetched or is no longer an article
     */
    public Optional<Outcome.Added> refresh(String id, Audience audience) throws SourceRefusedException {
        Optional<SourceRecord> record = record(id).filter(r -> removableBy(r, audience));
        Optional<AddedArticle> stored = record.flatMap(r -> store.article(id));
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        AddedArticle old = stored.get();
        SourcePreview fresh = previewer.preview(old.url().toString());
        AddedArticle article = new AddedArticle(
                id,
                old.url(),
                old.requested(),
                fresh.fetchedFrom(),
                fresh.format(),
                new org.citebot.extract.ArticleMetadata(
                        old.metadata().title().or(() -> fresh.metadata().title()),
                        old.metadata().author().or(() -> fresh.metadata().author()),
                        old.metadata().published().or(() -> fresh.metadata().published()),
                        fresh.metadata().publisher().or(() -> old.metadata().publisher()),
                        old.metadata().url(),
                        fresh.metadata().language().or(() -> old.metadata().language())),
                fresh.paragraphs(),
                fresh.headings(),
                old.server(),
                old.addedBy(),
                old.addedAt());
        IndexedDocument document = articles.indexed(article)
                .orElseThrow(() -> new SourceRefusedException("no passage of readable text is left of it"));
        LinkHealth before = record.get().health();
        LinkHealth alive = LinkHealth.alive(clock.instant());
        if (!store.replace(article, fresh.page(), alive)) {
            return Optional.empty();
        }
        boolean indexed = false;
        try {
            indexed = index.write(List.of(document), List.of());
        } catch (IOException | RuntimeException e) {
            LOG.warn("The refreshed article {} is stored but could not be indexed now: {}", id, e.toString());
        }
        LOG.info(
                "Refreshed article {} (was {}), {} passages",
                id,
                before.status().key(),
                document.passages().size());
        return Optional.of(new Outcome.Added(article, document.passages().size(), indexed));
    }

    /** The added articles {@code audience} sees, oldest first. */
    public List<SourceRecord> records(Audience audience) {
        return store.records().stream().filter(r -> visibleTo(r, audience)).toList();
    }

    private Optional<SourceRecord> record(String id) {
        return store.records().stream().filter(r -> r.id().equals(id)).findFirst();
    }

    /** Whether {@code audience} may remove the article: its own server's, or anything when it sees everything. */
    public static boolean removableBy(SourceRecord record, Audience audience) {
        return audience.everything()
                || (record.server().isPresent() && record.server().equals(audience.server()));
    }

    private static boolean visibleTo(SourceRecord record, Audience audience) {
        return audience.sees(DocumentOrigin.added(record.server()));
    }
}
