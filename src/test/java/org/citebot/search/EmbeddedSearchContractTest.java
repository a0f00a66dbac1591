package org.citebot.search;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.citebot.index.IndexSettings;
import org.citebot.index.PassageIndex;
import org.citebot.passages.IndexedDocument;
import org.citebot.semantic.PassageEmbedder;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;

/** The search contract over the embedded Lucene index, in a temporary folder. */
class EmbeddedSearchContractTest extends SearchContract {

    @TempDir
    static Path folder;

    private PassageIndex index;
    private @Nullable PassageIndex hybridIndex;

    @Override
    protected PassageSearch searchOver(List<IndexedDocument> documents) throws Exception {
        index = PassageIndex.open(
                folder.resolve("lexical"),
                IndexSettings.defaults(),
                Clock.fixed(Instant.parse("2026-11-22T04:00:00Z"), ZoneOffset.UTC));
        index.update(documents);
        return new LuceneSearchService(index, SearchSettings.defaults());
    }

    @Override
    protected PassageSearch hybridSearchOver(List<IndexedDocument> documents, PassageEmbedder embedder)
            throws Exception {
        hybridIndex = PassageIndex.open(
                folder.resolve("hybrid"),
                IndexSettings.defaults(),
                Clock.fixed(Instant.parse("2026-11-22T04:00:00Z"), ZoneOffset.UTC),
                Optional.of(embedder));
        hybridIndex.update(documents);
        return new LuceneSearchService(hybridIndex, SearchSettings.defaults(), Optional.of(embedder.model()));
    }

    @AfterAll
    void closeIndex() throws Exception {
        index.close();
        if (hybridIndex != null) {
            hybridIndex.close();
        }
    }
}
