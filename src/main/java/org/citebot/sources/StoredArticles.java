package org.citebot.sources;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.citebot.corpus.ArticleDocuments;
import org.citebot.corpus.Passage;
import org.citebot.corpus.PassageSplitter;
import org.citebot.corpus.SourceDocument;
import org.citebot.passages.AddedDocuments;
import org.citebot.passages.DocumentOrigin;
import org.citebot.passages.IndexedDocument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store of added articles as the index sees it: each article made into a document through the
 * same {@link ArticleDocuments} builder and {@link PassageSplitter} as the corpus folder's files, so
 * it is searched like any other document, and so a corpus run (a rebuild included) re-creates the
 * added articles from the store without any network access. Used by the indexer and by {@link
 * SourceCuration}.
 */
public final class StoredArticles implements AddedDocuments {

    private static final Logger LOG = LoggerFactory.getLogger(StoredArticles.class);

    private final AddedSources store;
    private final PassageSplitter splitter = new PassageSplitter();

    public StoredArticles(AddedSources store) {
        this.store = store;
    }

    @Override
    public Map<String, String> contentHashes() {
        return store.contentHashes();
    }

    @Override
    public Optional<IndexedDocument> document(String docId) {
        return store.article(docId).flatMap(this::indexed);
    }

    /** The article split into passages, owned by its server; empty when no passage is left of it. */
    Optional<IndexedDocument> indexed(AddedArticle article) {
        SourceDocument document;
        try {
            document = ArticleDocuments.document(
                    article.id(),
                    article.url().toString(),
                    article.contentHash(),
                    article.paragraphs(),
                    article.headings(),
                    // Cited with its URL even when the page declares no canonical one.
                    article.metadata().withUrl(article.metadata().url().or(() -> Optional.of(article.url()))));
        } catch (IllegalArgumentException e) {
            LOG.warn("The added article {} has no readable text and is not indexed: {}", article.id(), e.getMessage());
            return Optional.empty();
        }
        List<Passage> passages = splitter.split(document);
        if (passages.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new IndexedDocument(document, passages, DocumentOrigin.added(article.server())));
    }
}
