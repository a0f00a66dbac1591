package org.citebot.eval.beir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.citebot.semantic.EmbeddingStore;
import org.citebot.semantic.PassageEmbedder;
import org.citebot.semantic.TextEmbedder;

/**
 * A collection's documents already embedded by the model citebot uses ({@code
 * embeddings/<model>/corpus.ids} and {@code corpus.f32} beside the collection), so that an evaluation
 * need not spend a quarter of an hour embedding SciFact on two cores. Trusted only after a few of its
 * rows are re-embedded by citebot's own model and found equal: a file from another model, version or
 * text composition is refused and the collection is embedded for real.
 */
public final class PrecomputedVectors {

    /** The folder name the shared evaluation data uses for bge-small-en-v1.5 (int8). */
    static final String BGE_SMALL_FOLDER = "bge-small-en-v15-q";

    /** Re-embedded rows must be at least this close (cosine) to the file's. */
    static final double MIN_AGREEMENT = 0.9999;

    private final List<String> ids;
    private final ByteBuffer vectors;
    private final int dimension;

    private PrecomputedVectors(List<String> ids, ByteBuffer vectors, int dimension) {
        this.ids = List.copyOf(ids);
        this.vectors = vectors;
        this.dimension = dimension;
    }

    /**
     * The vectors under {@code collectionDir/embeddings/<folder>}, if both files are there and their
     * sizes agree with {@code dimension}.
     *
     * @throws CollectionFormatException when the vector file's size does not fit the ids and dimension
     */
    public static Optional<PrecomputedVectors> find(Path collectionDir, String folder, int dimension)
            throws IOException, CollectionFormatException {
        Path dir = collectionDir.resolve("embeddings").resolve(folder);
        Path idsFile = dir.resolve("corpus.ids");
        Path vectorFile = dir.resolve("corpus.f32");
        if (!Files.isRegularFile(idsFile) || !Files.isRegularFile(vectorFile)) {
            return Optional.empty();
        }
        List<String> ids = Files.readAllLines(idsFile).stream()
                .map(String::strip)
                .filter(line -> !line.isEmpty())
                .toList();
        long expected = (long) ids.size() * dimension * Float.BYTES;
        if (Files.size(vectorFile) != expected) {
            throw new CollectionFormatException(vectorFile + " holds " + Files.size(vectorFile) + " bytes, expected "
                    + expected + " for " + ids.size() + " vectors of " + dimension + " dimensions");
        }
        ByteBuffer vectors = ByteBuffer.wrap(Files.readAllBytes(vectorFile)).order(ByteOrder.LITTLE_ENDIAN);
        return Optional.of(new PrecomputedVectors(ids, vectors, dimension));
    }

    /** The file's folder name for {@code model}, when the shared data has one for it. */
    public static Optional<String> folderFor(TextEmbedder model) {
        return model.modelId().equals("bge-small-en-v1.5-int8") ? Optional.of(BGE_SMALL_FOLDER) : Optional.empty();
    }

    /**
     * Checks the first, middle and last rows against {@code model} on the documents of {@code
     * collection}, embedded as citebot embeds a passage.
     *
     * @return empty when they agree, else why the file cannot be trusted
     */
    public Optional<String> disagreement(TestCollection collection, TextEmbedder model) {
        Map<String, EvalDocument> byId = new HashMap<>();
        collection.documents().forEach(document -> byId.put(document.id(), document));
        if (ids.isEmpty()) {
            return Optional.of("the file lists no documents");
        }
        for (int row : new int[] {0, ids.size() / 2, ids.size() - 1}) {
            EvalDocument document = byId.get(ids.get(row));
            if (document == null) {
                return Optional.of("row " + row + " names document " + ids.get(row) + ", which the collection lacks");
            }
            float[] own = model.embedPassages(List.of(embeddedText(document))).get(0);
            double cosine = 0;
            for (int d = 0; d < dimension; d++) {
                cosine += own[d] * vectors.getFloat((row * dimension + d) * Float.BYTES);
            }
            if (cosine < MIN_AGREEMENT) {
                return Optional.of(String.format(
                        "row %d (document %s) is at cosine %.6f to %s's own vector, below %.4f",
                        row, document.id(), cosine, model.modelId(), MIN_AGREEMENT));
            }
        }
        return Optional.empty();
    }

    /**
     * Saves every row into {@code store} under {@code model}, keyed as citebot keys the passage the
     * document becomes, so that indexing the collection finds them there instead of embedding.
     *
     * @return how many vectors were saved
     */
    public int saveInto(EmbeddingStore store, TestCollection collection, TextEmbedder model) {
        Map<String, EvalDocument> byId = new HashMap<>();
        collection.documents().forEach(document -> byId.put(document.id(), document));
        Map<String, float[]> batch = new LinkedHashMap<>();
        int saved = 0;
        for (int row = 0; row < ids.size(); row++) {
            EvalDocument document = byId.get(ids.get(row));
            if (document == null) {
                continue;
            }
            float[] vector = new float[dimension];
            for (int d = 0; d < dimension; d++) {
                vector[d] = vectors.getFloat((row * dimension + d) * Float.BYTES);
            }
            batch.put(PassageEmbedder.key(embeddedText(document)), vector);
            if (batch.size() == 1_000) {
                store.save(model.modelId(), batch);
                saved += batch.size();
                batch = new LinkedHashMap<>();
            }
        }
        store.save(model.modelId(), batch);
        return saved + batch.size();
    }

    /** How many rows the file holds. */
    public int size() {
        return ids.size();
    }

    /** The text citebot embeds for the one passage a collection document becomes. */
    static String embeddedText(EvalDocument document) {
        return PassageEmbedder.passageText(CitebotProfile.titleOf(document), document.text());
    }
}
