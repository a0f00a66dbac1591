package org.citebot.app;

import java.nio.file.Path;
import java.util.Optional;
import org.citebot.config.CitebotConfig;
import org.citebot.semantic.EmbeddingModels;
import org.citebot.semantic.ModelUnavailableException;
import org.citebot.semantic.PassageEmbedder;
import org.citebot.semantic.TextEmbedder;
import org.citebot.state.SqliteEmbeddingStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The semantic half of a search engine, as {@code search.mode} asks for it: the embedding model
 * and the cache of passage vectors beside the index, or nothing in lexical mode or where the model
 * cannot run (which is said once, in the log, and never stops citebot). The search engine and the
 * command line's searches open one and close it with the index.
 */
public final class SemanticModel implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SemanticModel.class);

    private final Optional<TextEmbedder> model;
    private final Optional<SqliteEmbeddingStore> store;

    private SemanticModel(Optional<TextEmbedder> model, Optional<SqliteEmbeddingStore> store) {
        this.model = model;
        this.store = store;
    }

    /** No model: lexical search. */
    public static SemanticModel none() {
        return new SemanticModel(Optional.empty(), Optional.empty());
    }

    /**
     * The model {@code config} names with its vector cache, or {@link #none()} in lexical mode or
     * when the model cannot run on this machine.
     *
     * @param forIndexing also open the vector cache (only writers of the index embed passages)
     */
    public static SemanticModel open(CitebotConfig config, boolean forIndexing) {
        CitebotConfig.Search search = config.search();
        if (!search.hybrid()) {
            return none();
        }
        Optional<TextEmbedder> model = load(search.model(), config.index().dir());
        if (model.isEmpty() || !forIndexing) {
            return new SemanticModel(model, Optional.empty());
        }
        Path cache = search.embeddingCache()
                .orElse(config.index().dir().toAbsolutePath().resolveSibling("embeddings.db"));
        return new SemanticModel(model, Optional.of(SqliteEmbeddingStore.open(cache)));
    }

    private static Optional<TextEmbedder> load(String name, Path indexDir) {
        long started = System.nanoTime();
        try {
            TextEmbedder loaded = EmbeddingModels.shared(
                    name,
                    indexDir.toAbsolutePath().resolveSibling("native"),
                    Runtime.getRuntime().availableProcessors());
            LOG.info(
                    "semantic model {} ready in {} ms; searches are hybrid",
                    loaded.modelId(),
                    (System.nanoTime() - started) / 1_000_000);
            return Optional.of(loaded);
        } catch (ModelUnavailableException e) {
            LOG.warn(
                    "The semantic model cannot run here ({}); citebot answers with lexical search only",
                    e.getMessage());
            return Optional.empty();
        }
    }

    /** The model questions are embedded with; empty for lexical search. */
    public Optional<TextEmbedder> model() {
        return model;
    }

    /** What embeds passages as they are indexed (with the vector cache); empty for lexical search. */
    public Optional<PassageEmbedder> passageEmbedder() {
        return model.flatMap(loaded -> store.map(cache -> new PassageEmbedder(loaded, cache)));
    }

    /** Closes the vector cache. The model is shared by the whole process and stays loaded. */
    @Override
    public void close() {
        store.ifPresent(SqliteEmbeddingStore::close);
    }
}
