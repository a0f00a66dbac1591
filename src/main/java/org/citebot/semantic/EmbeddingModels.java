package org.citebot.semantic;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The models citebot can embed with, by the name {@code search.model} takes. Adding a model (a
 * multilingual one, say) is one entry here and a Maven dependency that ships its files.
 */
public final class EmbeddingModels {

    /** The default: BAAI's bge-small-en-v1.5, int8-quantized, 384 dimensions, MIT licence. */
    public static final String BGE_SMALL_EN = "bge-small-en-v1.5";

    private static final Map<String, BiFunction<Integer, Path, TextEmbedder>> MODELS = Map.of(
            BGE_SMALL_EN,
            (threads, folder) -> new OnnxBertEmbedder(
                    "bge-small-en-v1.5-int8",
                    "bge-small-en-v1.5-q.onnx",
                    "bge-small-en-v1.5-q-tokenizer.json",
                    // The instruction bge-small-en-v1.5 was trained with for short queries against passages.
                    "Represent this sentence for searching relevant passages: ",
                    384,
                    threads,
                    folder));

    /** Models loaded for the whole process, by name: see {@link #shared}. */
    private static final Map<String, TextEmbedder> SHARED = new java.util.concurrent.ConcurrentHashMap<>();

    private EmbeddingModels() {}

    /**
     * The model called {@code name}, loaded once per process and then shared: a model is immutable
     * and thread-safe, and loading it costs a second or two and tens of megabytes, which a process
     * that starts citebot more than once (the tests, an in-process restart) should pay once. Never
     * close a shared model; it lives as long as the process.
     *
     * @throws ModelUnavailableException when the model cannot run on this machine (tried again next call)
     */
    public static TextEmbedder shared(String name, Path nativeCache, int threads) {
        String key = name.toLowerCase(Locale.ROOT);
        TextEmbedder known = SHARED.get(key);
        if (known != null) {
            return known;
        }
        synchronized (SHARED) {
            return SHARED.computeIfAbsent(key, k -> load(k, nativeCache, threads));
        }
    }

    /** Every name {@link #load} accepts, sorted. */
    public static List<String> names() {
        return MODELS.keySet().stream().sorted().toList();
    }

    /** Whether {@code name} is a model citebot knows. */
    public static boolean isKnown(String name) {
        return MODELS.containsKey(name.toLowerCase(Locale.ROOT));
    }

    /**
     * Loads the model called {@code name}.
     *
     * @param nativeCache a writable folder where the model file and the tokenizer's native library are unpacked
     * @param threads CPU threads one embedding may use
     * @throws IllegalArgumentException for a name {@link #isKnown} rejects
     * @throws ModelUnavailableException when the model cannot run on this machine
     */
    public static TextEmbedder load(String name, Path nativeCache, int threads) {
        BiFunction<Integer, Path, TextEmbedder> factory = MODELS.get(name.toLowerCase(Locale.ROOT));
        if (factory == null) {
            throw new IllegalArgumentException("unknown model '" + name + "', expected one of " + names());
        }
        // The tokenizer library unpacks its native part into a cache folder (its default is the
        // home folder, which a container user may not have) and would download a missing one.
        System.setProperty("DJL_CACHE_DIR", nativeCache.toAbsolutePath().toString());
        System.setProperty("ai.djl.offline", "true");
        return factory.apply(Math.max(1, threads), nativeCache);
    }
}
