package org.citebot.index;

import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.codecs.Codec;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene912.Lucene912Codec;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexOptions;
import org.citebot.passages.Audience;

/**
 * The one place that names the fields of citebot's passage index and versions its layout. The
 * document builder, the index and the search service all take their field names from here.
 *
 * <p>The index holds two kinds of Lucene documents, told apart by {@link #KIND}: one per passage
 * (what searches return) and one record per corpus document (its metadata, content hash and passage
 * count, for {@code /sources} and for skipping unchanged documents on reindex). A document's record
 * and passages are written as one block, so they are replaced together.
 */
public final class IndexSchema {

    /**
     * Bump whenever fields, their options or the analysis change: an index written with an older
     * version reports {@link PassageIndex#needsRebuild()} and is rebuilt from the corpus. Version 2
     * added the file stamps of document records; version 3 indexed {@link #BODY_WORDS} with
     * positions, for quoted phrases; version 4 added {@link #WEIGHTED}, the one field BM25F scores;
     * version 5 added {@link #SHARED_SECTION}, so the headings are read without the stored passages;
     * version 6 kept the passages' words for phrases as hashes ({@link #BODY_WORD_HASHES}), and
     * {@link #BODY_WORDS} without positions or stop words; version 7 left the offsets out of {@link
     * #BODY}; version 8 wrote title and section into {@link #BODY}, which BM25F scores, in place of a
     * field of their own each and the weighted field.
     */
    public static final int VERSION = 8;

    /** {@code passage} or {@code document}: which kind of entry a Lucene document is. */
    public static final String KIND = "kind";

    public static final String KIND_PASSAGE = "passage";
    public static final String KIND_DOCUMENT = "document";

    /** Keyword, stored: {@code docId#ordinal}. */
    public static final String PASSAGE_ID = "passage_id";
    /** Keyword, stored, doc values: the document id; the update key and a source filter. */
    public static final String DOC_ID = "doc_id";
    /** Stored: 0-based position of the passage in its document. */
    public static final String ORDINAL = "ordinal";
    /** Stored: number of the first paragraph the passage covers. */
    public static final String PARAGRAPH = "paragraph";
    /**
     * Stored: the heading above the passage. The embedded index analyzes it into {@link #BODY}; a
     * Solr collection into a field of its own (for phrases) and {@link #WEIGHTED}.
     */
    public static final String SECTION = "section";
    /**
     * Keyword, not stored, on passages that no one server owns: the heading above the passage as
     * written. Its terms are the headings every server's autocomplete offers, read from the terms
     * dictionary instead of every passage's stored fields (which took 10 s at a million passages).
     * Left out for a heading longer than a Lucene term may be (32,766 bytes). The embedded index's
     * own: a Solr collection has no such field and reads its headings its own way.
     */
    static final String SHARED_SECTION = "shared_section";
    /**
     * Stored on passages: the document title. The embedded index analyzes it into {@link #BODY}; a
     * Solr collection into a field of its own (for phrases) and {@link #WEIGHTED}.
     */
    public static final String TITLE = "title";
    /**
     * Stored: the passage text. Analyzed with positions, the embedded index's one scored field:
     * the passage's stems at their words' positions, then its section heading's and its document
     * title's, each of those {@link #REGION_GAP} positions after the token before and written {@link
     * IndexSettings#sectionCopies()} or {@link IndexSettings#titleCopies()} times at its position. A
     * term's frequency is then its BM25F count over the three, its postings carry the impacts
     * block-max WAND skips by, and phrases and proximity read the same positions, where only the
     * text's words stand close enough to match: a passage's stems are inverted once. Highlighting
     * analyzes a page's stored text again instead of reading offsets from the postings. A Solr
     * collection keeps the text alone in this field.
     */
    public static final String BODY = "body";
    /**
     * Positions between the passage's text and each token of its heading and title in {@link
     * #BODY}: more than any phrase or proximity match spans, so none holds a heading or title word.
     */
    public static final int REGION_GAP = 1000;
    /**
     * Title, section and body in one field whose term frequencies carry the field weights ({@link
     * IndexSettings#titleCopies()} a title occurrence, and so on), without positions: what BM25F
     * scores a passage by in a Solr collection. The embedded index scores {@link #BODY} instead.
     */
    public static final String WEIGHTED = "weighted";
    /**
     * The passage text's words lower-cased but not stemmed, as {@link #wordsAnalyzer()} makes them:
     * the dictionary "did you mean" draws real corpus spellings from. The embedded index keeps its
     * terms only, without stop words, positions or frequencies; a quoted phrase is checked against
     * the words' hashes ({@link #BODY_WORD_HASHES}). A Solr collection indexes every word with
     * positions, for its phrases too.
     */
    public static final String BODY_WORDS = "body_words";
    /**
     * Binary doc value on passages: the hashes of the body's words in order, two bytes a word, which
     * {@link WrittenWords} checks a quoted phrase against. The embedded index's own.
     */
    static final String BODY_WORD_HASHES = "body_word_hashes";

    /**
     * The passage's meaning as a unit vector (the semantic model's embedding of its title and text),
     * in an HNSW graph of 32-bit floats; absent when the index was built lexical only.
     */
    public static final String VECTOR = "vector";

    public static final String AUTHOR = "author";
    public static final String PUBLISHER = "publisher";
    /** Stored ISO date ({@code 2026-06-30}). */
    public static final String PUBLISHED = "published";
    /** LongPoint of the published date's epoch day, for date range filters. */
    public static final String PUBLISHED_DAY = "published_day";

    public static final String URL = "url";

    /**
     * Keyword, stored, with doc values, on the passages and record of an article added by URL in one
     * server: that server's id. Absent on every other document (corpus files, articles added for every
     * server), which every server sees; {@link Audience} filters on it.
     */
    public static final String OWNER = "owner";

    /** Keyword, stored, on document records of articles added by URL: {@link #ORIGIN_ADDED}; absent on corpus files. */
    public static final String ORIGIN = "origin";

    public static final String ORIGIN_ADDED = "added";
    public static final String LANGUAGE = "language";
    /** Stored: offsets of the passage in the document's cleaned text. */
    public static final String START = "start";

    public static final String END = "end";

    /** Keyword filters, lower-cased so filters are case-insensitive. */
    public static final String PUBLISHER_KEY = "publisher_key";

    public static final String AUTHOR_KEY = "author_key";
    public static final String TITLE_KEY = "title_key";

    /** Stored on document records only: the title (passages carry it analyzed in {@link #TITLE}). */
    public static final String DOCUMENT_TITLE = "document_title";
    /** Stored on document records: the source file's SHA-256 as the corpus reader computed it. */
    public static final String CONTENT_HASH = "content_hash";
    /** Stored on document records: hash over everything indexed for the document; equal means skip. */
    public static final String INDEXED_HASH = "indexed_hash";
    /** Stored on document records: the document's relative path in the corpus. */
    public static final String PATH = "path";
    /** Stored on document records: how many passages were indexed for the document. */
    public static final String PASSAGE_COUNT = "passage_count";
    /** Stored on document records: the file's size in bytes when it was read. */
    public static final String FILE_SIZE = "file_size";
    /** Stored on document records: the file's last-modified time when it was read, in epoch nanoseconds. */
    public static final String FILE_MODIFIED = "file_modified";
    /** Stored on document records: when the file was listed before it was read, in epoch nanoseconds. */
    public static final String FILE_CHECKED = "file_checked";
    /** Stored on document records: the corpus reader's key for all that shaped the document besides its bytes. */
    public static final String READING_KEY = "reading_key";

    /** Keys of the commit user data. */
    static final String COMMIT_SCHEMA_VERSION = "citebot.schema_version";

    static final String COMMIT_ANALYZER = "citebot.analyzer";
    static final String COMMIT_FINGERPRINT = "citebot.corpus_fingerprint";
    static final String COMMIT_DOCUMENTS = "citebot.documents";
    static final String COMMIT_PASSAGES = "citebot.passages";
    static final String COMMIT_BUILT_AT = "citebot.built_at";
    static final String COMMIT_GENERATION = "citebot.generation";
    static final String COMMIT_VECTOR_MODEL = "citebot.vector_model";
    static final String COMMIT_FIELD_WEIGHTS = "citebot.field_weights";

    /**
     * Tokenized (from tokens analyzed beforehand), with frequencies and positions; the text is
     * stored by a separate stored field.
     */
    public static final FieldType BODY_TYPE = bodyType();

    /** Tokenized, not stored, documents only, without norms: the spellings of {@link #BODY_WORDS}. */
    public static final FieldType WORDS_TYPE = wordsType();

    private IndexSchema() {}

    /**
     * The codec every writer of the index uses: Lucene's default, with passage vectors as 32-bit
     * floats in an HNSW graph, as Solr 9.10 stores them, so both engines compare the same vectors.
     * 7-bit quantized vectors would take a quarter of the memory while searched, but lost 0.0023
     * nDCG@10 on SciFact's hybrid run (0.7245 → 0.7222) and put the embedded index 0.0035 below
     * SolrCloud's. Readers find each segment's format by name, so an index written with quantized
     * vectors stays readable and its segments take floats as they merge.
     */
    public static Codec codec() {
        return new Lucene912Codec() {
            @Override
            public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
                return VECTOR_FORMAT;
            }
        };
    }

    private static final KnnVectorsFormat VECTOR_FORMAT = new Lucene99HnswVectorsFormat();

    /**
     * The analyzer the index and the query parser must share: {@code content} for the analyzed
     * fields and a lower-casing, non-stemming one for {@link #BODY_WORDS}.
     */
    public static Analyzer perFieldAnalyzer(Analyzer content) {
        return new PerFieldAnalyzerWrapper(content, Map.of(BODY_WORDS, wordsAnalyzer()));
    }

    /**
     * Lucene's {@link EnglishAnalyzer}: StandardTokenizer, English possessive filter, lower case,
     * its default English stop words and Porter stemming; the analysis Anserini's baselines use.
     */
    public static Analyzer englishAnalyzer() {
        return new EnglishAnalyzer();
    }

    /**
     * StandardTokenizer and lower case only: a passage's words as a quoted phrase must match them,
     * and as spelling suggestions offer them.
     */
    public static Analyzer wordsAnalyzer() {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer source = new StandardTokenizer();
                TokenStream result = new LowerCaseFilter(source);
                return new TokenStreamComponents(source, result);
            }

            @Override
            protected TokenStream normalize(String fieldName, TokenStream in) {
                return new LowerCaseFilter(in);
            }
        };
    }

    /** The stop words of the default content analysis, used to tell "only common words" apart. */
    public static CharArraySet englishStopWords() {
        return EnglishAnalyzer.ENGLISH_STOP_WORDS_SET;
    }

    private static FieldType bodyType() {
        FieldType type = new FieldType(TextField.TYPE_NOT_STORED);
        type.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS);
        type.freeze();
        return type;
    }

    private static FieldType wordsType() {
        FieldType type = new FieldType(TextField.TYPE_NOT_STORED);
        type.setIndexOptions(IndexOptions.DOCS);
        type.setOmitNorms(true);
        type.freeze();
        return type;
    }
}
