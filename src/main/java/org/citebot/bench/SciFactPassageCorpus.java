package org.citebot.bench;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Pattern;
import org.citebot.corpus.DocumentMetadata;
import org.citebot.corpus.Passage;
import org.citebot.corpus.SourceDocument;
import org.citebot.eval.beir.EvalDocument;
import org.citebot.passages.IndexedDocument;

/**
 * Builds benchmark corpora of any size from SciFact's abstracts, so the vocabulary and term
 * statistics are those of real scientific prose. The abstracts are split into sentences and put in
 * a fixed shuffled order; each generated document takes the title of one abstract and 2 to 8
 * passages of 40 to 120 words made of consecutive sentences, starting at a random sentence of that
 * abstract and running on into the next ones. The same seed and size always give the same corpus.
 */
public final class SciFactPassageCorpus {

    static final int MIN_WORDS = 40;
    static final int MAX_WORDS = 120;
    static final int MIN_PASSAGES_PER_DOCUMENT = 2;
    static final int MAX_PASSAGES_PER_DOCUMENT = 8;

    /** The seed every published figure was measured with. */
    public static final long DEFAULT_SEED = 20261122L;

    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+(?=[\\p{Lu}\\p{N}(\\[])");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private final List<String> titles;
    /** Every sentence of every abstract, abstracts in the shuffled order, as arrays of words. */
    private final List<String[]> sentences;
    /** Index in {@link #sentences} of each abstract's first sentence, in the shuffled order. */
    private final int[] firstSentence;

    private final long seed;

    /**
     * @param abstracts the SciFact corpus as its reader delivers it; documents without text are left out
     * @param seed fixes the order of abstracts and every random choice
     */
    public SciFactPassageCorpus(List<EvalDocument> abstracts, long seed) {
        List<EvalDocument> usable = new ArrayList<>();
        for (EvalDocument document : abstracts) {
            if (!document.text().isBlank()) {
                usable.add(document);
            }
        }
        if (usable.isEmpty()) {
            throw new IllegalArgumentException("no abstract has text");
        }
        Collections.shuffle(usable, new Random(seed));
        this.seed = seed;
        this.titles = new ArrayList<>(usable.size());
        this.sentences = new ArrayList<>();
        this.firstSentence = new int[usable.size()];
        for (int i = 0; i < usable.size(); i++) {
            EvalDocument document = usable.get(i);
            titles.add(document.title().isBlank() ? "SciFact " + document.id() : document.title());
            firstSentence[i] = sentences.size();
            for (String sentence : SENTENCE_END.split(document.text().strip())) {
                String[] words = SPACES.split(sentence.strip());
                if (words.length > 0 && !words[0].isEmpty()) {
                    sentences.add(words);
                }
            }
        }
    }

    /** How many abstracts the corpus draws on. */
    public int abstracts() {
        return titles.size();
    }

    /**
     * A corpus of exactly {@code passageCount} passages. Titles repeat once every abstract has been
     * used, as they would in a corpus with many editions of a source.
     */
    public BenchCorpus generate(int passageCount) {
        if (passageCount < 1) {
            throw new IllegalArgumentException("passageCount must be >= 1, was " + passageCount);
        }
        Random random = new Random(seed ^ passageCount);
        List<IndexedDocument> documents = new ArrayList<>(passageCount / 4 + 1);
        long bytes = 0;
        int made = 0;
        for (int number = 0; made < passageCount; number++) {
            int abstractIndex = number % titles.size();
            int wanted = Math.min(
                    passageCount - made,
                    MIN_PASSAGES_PER_DOCUMENT
                            + random.nextInt(MAX_PASSAGES_PER_DOCUMENT - MIN_PASSAGES_PER_DOCUMENT + 1));
            int firstOfAbstract = firstSentence[abstractIndex];
            int sentencesOfAbstract = nextFirstSentence(abstractIndex) - firstOfAbstract;
            int cursor = firstOfAbstract + random.nextInt(Math.max(1, sentencesOfAbstract));
            String docId = String.format("d%07d", number);
            List<Passage> passages = new ArrayList<>(wanted);
            int offset = 0;
            StringBuilder text = new StringBuilder(800);
            for (int ordinal = 0; ordinal < wanted; ordinal++) {
                int target = MIN_WORDS + random.nextInt(MAX_WORDS - MIN_WORDS + 1);
                text.setLength(0);
                int words = 0;
                while (words < target) {
                    String[] sentence = sentences.get(cursor);
                    cursor = (cursor + 1) % sentences.size();
                    int take = sentence.length;
                    if (words + take > MAX_WORDS) {
                        if (words >= MIN_WORDS) {
                            break;
                        }
                        take = MAX_WORDS - words;
                    }
                    for (int w = 0; w < take; w++) {
                        if (text.length() > 0) {
                            text.append(' ');
                        }
                        text.append(sentence[w]);
                    }
                    words += take;
                }
                String passageText = text.toString();
                bytes += passageText.getBytes(StandardCharsets.UTF_8).length;
                passages.add(new Passage(
                        docId,
                        ordinal,
                        ordinal + 1,
                        Optional.empty(),
                        passageText,
                        offset,
                        offset + passageText.length()));
                // Paragraphs of the (unstored) document text are separated by a blank line.
                offset += passageText.length() + 2;
            }
            made += passages.size();
            documents.add(document(docId, titles.get(abstractIndex), number, passages));
        }
        return new BenchCorpus(documents, made, bytes);
    }

    private int nextFirstSentence(int abstractIndex) {
        return abstractIndex + 1 < firstSentence.length ? firstSentence[abstractIndex + 1] : sentences.size();
    }

    /**
     * A citebot document with the metadata a corpus file would give it, a URL so every hit gets a
     * deep link. The document's full text is not kept: indexing never reads it (passages carry their
     * own text), and at a million passages a second copy would double the heap the corpus needs.
     */
    private static IndexedDocument document(String docId, String title, int number, List<Passage> passages) {
        DocumentMetadata metadata = new DocumentMetadata(
                title,
                Optional.empty(),
                Optional.of("SciFact bench"),
                Optional.of(LocalDate.of(2020, 1, 1).plusDays(number % 2_000)),
                Optional.of(URI.create("https://bench.citebot.invalid/" + docId)),
                "en");
        SourceDocument source = new SourceDocument(docId, docId + ".txt", "bench-" + docId, metadata, "", List.of());
        return new IndexedDocument(source, passages);
    }
}
