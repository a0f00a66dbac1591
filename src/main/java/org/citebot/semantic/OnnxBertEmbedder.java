package org.citebot.semantic;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A BERT-style bi-encoder run with ONNX Runtime on the CPU: WordPiece tokens (Hugging Face's
 * tokenizer, cut at the model's 512 tokens), the {@code [CLS]} token's last hidden state as the
 * text's vector, scaled to unit length.
 *
 * <p>The model and tokenizer files are read from the class path, where the Maven artifact that
 * ships the model puts them, so nothing is downloaded at run time.
 */
final class OnnxBertEmbedder implements TextEmbedder {

    /** Tokens per sequence, {@code [CLS]} and {@code [SEP]} included: BERT's position limit. */
    static final int MAX_TOKENS = 512;

    private final String modelId;
    private final String queryInstruction;
    private final int dimension;
    private final OrtEnvironment environment;
    private final OrtSession session;
    private final HuggingFaceTokenizer tokenizer;
    private final boolean takesTokenTypes;

    /**
     * @param modelResource class-path name of the ONNX model
     * @param tokenizerResource class-path name of the tokenizer's {@code tokenizer.json}
     * @param queryInstruction text put in front of every question (empty when the model wants none)
     * @param threads the CPU threads one embedding may use
     * @param unpacked a writable folder the model file is copied to from the class path, once, so
     *     ONNX Runtime reads it from disk rather than from a copy on the Java heap
     * @throws ModelUnavailableException when a file is missing or the native runtime cannot load
     */
    OnnxBertEmbedder(
            String modelId,
            String modelResource,
            String tokenizerResource,
            String queryInstruction,
            int dimension,
            int threads,
            Path unpacked) {
        this.modelId = modelId;
        this.queryInstruction = queryInstruction;
        this.dimension = dimension;
        Path model = unpack(modelResource, unpacked);
        HuggingFaceTokenizer loadedTokenizer = null;
        OrtSession loadedSession = null;
        try (InputStream tokenizerJson = stream(tokenizerResource)) {
            loadedTokenizer = HuggingFaceTokenizer.newInstance(
                    tokenizerJson,
                    Map.of("padding", "false", "truncation", "true", "maxLength", Integer.toString(MAX_TOKENS)));
            this.environment = OrtEnvironment.getEnvironment();
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setIntraOpNumThreads(threads);
            options.setInterOpNumThreads(1);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            // ONNX Runtime's intra-op threads spin while they wait for work by default. Beside the bot's
            // other threads (or another process) on two cores the spinning steals the very CPU the
            // model waits for: at a load of 14, a question took p50 37-40 ms spinning and 8 ms not,
            // and a passage 70 ms of CPU instead of 36 (5-7 passages/s instead of 25-28).
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            loadedSession = environment.createSession(model.toString(), options);
            this.session = loadedSession;
            this.tokenizer = loadedTokenizer;
            Set<String> inputs = session.getInputNames();
            this.takesTokenTypes = inputs.contains("token_type_ids");
        } catch (IOException | OrtException | RuntimeException | LinkageError e) {
            // LinkageError: the native library of ONNX Runtime or the tokenizer does not load on this platform.
            closeQuietly(loadedSession, loadedTokenizer);
            throw new ModelUnavailableException(modelId + " cannot load: " + describe(e), e);
        }
    }

    @Override
    public String modelId() {
        return modelId;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public float[] embedQuery(String question) {
        return embedPassages(List.of(queryInstruction + question)).get(0);
    }

    @Override
    public List<float[]> embedPassages(List<String> texts) {
        List<float[]> vectors = new ArrayList<>(texts.size());
        for (String text : texts) {
            vectors.add(embed(tokenizer.encode(text).getIds()));
        }
        return vectors;
    }

    /**
     * One sequence a run, never a padded batch: the int8 model quantizes its activations with a scale
     * taken from the whole input tensor, so a text batched with others gets a slightly different vector
     * (cosine 0.998-0.999 to its own) that would depend on its neighbours. One at a time, a text always
     * gets the same vector, the one the model's published figures were measured with.
     */
    private float[] embed(long[] ids) {
        long[] shape = {1, ids.length};
        long[] attention = new long[ids.length];
        Arrays.fill(attention, 1L);
        try (OnnxTensor idsTensor = OnnxTensor.createTensor(environment, LongBuffer.wrap(ids), shape);
                OnnxTensor maskTensor = OnnxTensor.createTensor(environment, LongBuffer.wrap(attention), shape);
                OnnxTensor typesTensor =
                        OnnxTensor.createTensor(environment, LongBuffer.wrap(new long[ids.length]), shape)) {
            Map<String, OnnxTensor> inputs = takesTokenTypes
                    ? Map.of("input_ids", idsTensor, "attention_mask", maskTensor, "token_type_ids", typesTensor)
                    : Map.of("input_ids", idsTensor, "attention_mask", maskTensor);
            try (OrtSession.Result result = session.run(inputs)) {
                FloatBuffer hidden = ((OnnxTensor) result.get(0)).getFloatBuffer();
                if (hidden.capacity() != ids.length * dimension) {
                    throw new IllegalStateException(modelId + " returned " + hidden.capacity() + " values for "
                            + ids.length + " tokens, expected " + dimension + " a token");
                }
                float[] vector = new float[dimension];
                // The [CLS] token, first of the sequence, stands for the whole text.
                hidden.get(0, vector, 0, dimension);
                normalize(vector);
                return vector;
            }
        } catch (OrtException e) {
            throw new IllegalStateException(modelId + " failed to embed: " + e.getMessage(), e);
        }
    }

    private static void normalize(float[] vector) {
        double sum = 0;
        for (float v : vector) {
            sum += (double) v * v;
        }
        float norm = (float) Math.sqrt(sum);
        if (norm > 0) {
            for (int i = 0; i < vector.length; i++) {
                vector[i] /= norm;
            }
        }
    }

    @Override
    public void close() {
        closeQuietly(session, tokenizer);
    }

    private static void closeQuietly(OrtSession session, HuggingFaceTokenizer tokenizer) {
        if (session != null) {
            try {
                session.close();
            } catch (OrtException e) {
                // Closing frees native memory; a failure leaves nothing for the caller to do.
            }
        }
        if (tokenizer != null) {
            tokenizer.close();
        }
    }

    /**
     * The class-path resource {@code name} as a file in {@code folder}, copied there unless a file of
     * the same size already is (written to a temporary name first, so a half-written copy is never used).
     */
    private static Path unpack(String name, Path folder) {
        try {
            Files.createDirectories(folder);
            Path target = folder.resolve(name);
            URL resource = OnnxBertEmbedder.class.getClassLoader().getResource(name);
            if (resource == null) {
                throw new ModelUnavailableException("the model file " + name + " is not on the class path", null);
            }
            long size = resource.openConnection().getContentLengthLong();
            if (Files.isRegularFile(target) && Files.size(target) == size) {
                return target;
            }
            Path partial = Files.createTempFile(folder, name, ".part");
            try (InputStream in = resource.openStream()) {
                Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (IOException e) {
            throw new ModelUnavailableException(
                    "cannot unpack the model file " + name + " into " + folder + ": " + e.getMessage(), e);
        }
    }

    private static InputStream stream(String name) {
        InputStream in = OnnxBertEmbedder.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new ModelUnavailableException("the model file " + name + " is not on the class path", null);
        }
        return in;
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName()
                + (message == null ? "" : ": " + message.lines().findFirst().orElse(""));
    }
}
