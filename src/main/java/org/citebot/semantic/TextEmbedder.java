package org.citebot.semantic;

import java.util.List;

/**
 * A sentence-embedding model: questions and passages in, unit-length vectors out, so that the dot
 * product of two vectors is their cosine similarity. The indexer embeds passages, the search embeds
 * the question; both must use the same model, which {@link #modelId()} names (it is stored with the
 * index and keys the embedding cache, so a change of model re-embeds everything).
 *
 * <p>Implementations are thread-safe. They are expensive to create (hundreds of milliseconds and
 * tens of megabytes), so the composition root builds one and shares it.
 */
public interface TextEmbedder extends AutoCloseable {

    /** A stable name of the model and of how text is fed to it, e.g. {@code bge-small-en-v1.5-int8}. */
    String modelId();

    /** The length of every vector this model returns. */
    int dimension();

    /**
     * The vector of a member's question, with whatever instruction the model expects in front of
     * queries.
     */
    float[] embedQuery(String question);

    /**
     * The vectors of {@code texts}, in order. Passing many at once is much cheaper per text than one
     * at a time.
     */
    List<float[]> embedPassages(List<String> texts);

    @Override
    void close();
}
