package org.citebot.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.citebot.index.IndexSchema;

/**
 * Turns what a user typed into a {@link ParsedQuery}, safely. Only two pieces of syntax exist:
 * {@code "quoted phrases"} and {@code -exclusions} ({@code -word} or {@code -"a phrase"}); every
 * other character is text for the analyzer, so Lucene's query syntax (fields, wildcards, fuzzy,
 * regular expressions, boolean operators) never reaches Lucene. Used by the search service.
 */
public final class UserQueryParser {

    /** Longer queries are cut at the last word boundary before this many characters. */
    public static final int MAX_CHARS = 300;

    static final String EMPTY_MESSAGE = "Type a few words to search for, for example: nuclear escalation.";
    static final String NO_WORDS_MESSAGE =
            "Your query has no words to search for; try a few plain words, for example: nuclear escalation.";
    static final String ONLY_EXCLUSIONS_MESSAGE =
            "Your query only says what to leave out; add a word to look for, for example: summit -Ankara.";

    private static final Pattern ANSI_ESCAPE = Pattern.compile("\u001B(?:\\[[0-?]*[ -/]*[@-~]|[@-Z\\\\-_])");

    private final Analyzer analyzer;
    private final boolean questionWords;

    /** @param analyzer the index's analyzer (see {@code PassageIndex#analyzer()}) */
    public UserQueryParser(Analyzer analyzer) {
        this(analyzer, false);
    }

    /**
     * @param analyzer the index's analyzer (see {@code PassageIndex#analyzer()})
     * @param questionWords search question framing ("why", "how many") like other words
     */
    public UserQueryParser(Analyzer analyzer, boolean questionWords) {
        this.analyzer = analyzer;
        this.questionWords = questionWords;
    }

    /**
     * Parses and analyzes a query.
     *
     * @throws QueryException when nothing searchable is left: empty, only symbols, only common
     *     words, or only exclusions; the message tells the user what to do
     */
    public ParsedQuery parse(String raw) {
        String text = clean(raw);
        if (text.isEmpty()) {
            throw new QueryException(EMPTY_MESSAGE);
        }
        List<String> bag = new ArrayList<>();
        List<String> quoted = new ArrayList<>();
        List<String> excludedWords = new ArrayList<>();
        List<String> excludedQuoted = new ArrayList<>();
        split(text, bag, quoted, excludedWords, excludedQuoted);
        String question = String.join(" ", bag);
        if (!quoted.isEmpty()) {
            question = (question + " " + String.join(" ", quoted)).strip();
        }
        List<String> withoutFiller = QuestionFiller.strip(bag);
        if (!questionWords && (QuestionFiller.hasContent(withoutFiller) || !quoted.isEmpty())) {
            bag = withoutFiller;
        }

        List<String> terms = new ArrayList<>();
        for (Token token : analyze(IndexSchema.BODY, String.join(" ", bag))) {
            terms.add(token.term());
        }
        List<QueryPhrase> phrases = phrases(quoted);
        List<String> excludedTerms = new ArrayList<>();
        for (Token token : analyze(IndexSchema.BODY, String.join(" ", excludedWords))) {
            excludedTerms.add(token.term());
        }
        List<QueryPhrase> excludedPhrases = new ArrayList<>();
        for (QueryPhrase phrase : phrases(excludedQuoted)) {
            // -"word" is the same as -word; a quoted single word stays a phrase only when wanted,
            // where it means "must contain".
            if (phrase.terms().size() == 1) {
                excludedTerms.add(phrase.terms().get(0));
            } else {
                excludedPhrases.add(phrase);
            }
        }

        if (terms.isEmpty() && phrases.isEmpty()) {
            throw new QueryException(nothingToSearchMessage(bag, quoted, excludedWords, excludedQuoted));
        }
        List<String> words = new ArrayList<>();
        List<String> positive = new ArrayList<>(bag);
        positive.addAll(quoted);
        for (Token token : analyze(IndexSchema.BODY_WORDS, String.join(" ", positive))) {
            words.add(token.term());
        }
        return new ParsedQuery(text, terms, phrases, excludedTerms, excludedPhrases, words, question);
    }

    /**
     * Strips terminal escape sequences, control and invisible formatting characters and unpaired
     * surrogates, collapses whitespace and cuts the text to {@link #MAX_CHARS} at a word boundary.
     */
    static String clean(String raw) {
        String withoutEscapes = ANSI_ESCAPE.matcher(raw).replaceAll(" ");
        StringBuilder kept = new StringBuilder(Math.min(withoutEscapes.length(), 4 * MAX_CHARS));
        for (int i = 0; i < withoutEscapes.length() && kept.length() <= 2 * MAX_CHARS; ) {
            int codePoint = withoutEscapes.codePointAt(i);
            i += Character.charCount(codePoint);
            int type = Character.getType(codePoint);
            // Control characters separate words (a NUL between two words leaves two words); invisible formatting
            // characters (bidi overrides, zero-width joiners) sit inside words and just go.
            if (Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint) || type == Character.CONTROL) {
                if (kept.length() > 0 && kept.charAt(kept.length() - 1) != ' ') {
                    kept.append(' ');
                }
            } else if (type != Character.FORMAT
                    && type != Character.SURROGATE
                    && type != Character.UNASSIGNED
                    && type != Character.PRIVATE_USE) {
                kept.appendCodePoint(codePoint);
            }
        }
        String text = kept.toString().strip();
        if (text.length() <= MAX_CHARS) {
            return text;
        }
        int cut = text.lastIndexOf(' ', MAX_CHARS);
        if (cut <= 0) {
            cut = Character.isHighSurrogate(text.charAt(MAX_CHARS - 1)) ? MAX_CHARS - 1 : MAX_CHARS;
        }
        return text.substring(0, cut).strip();
    }

    /** Splits cleaned text into bag words, phrases and their excluded counterparts. */
    private static void split(
            String text,
            List<String> bag,
            List<String> quoted,
            List<String> excludedWords,
            List<String> excludedQuoted) {
        int i = 0;
        int length = text.length();
        while (i < length) {
            char c = text.charAt(i);
            if (c == ' ') {
                i++;
                continue;
            }
            boolean excluded = false;
            if (c == '-' && i + 1 < length && text.charAt(i + 1) != ' ') {
                excluded = true;
                i++;
                c = text.charAt(i);
            }
            if (c == '"') {
                int close = text.indexOf('"', i + 1);
                if (close > i) {
                    (excluded ? excludedQuoted : quoted)
                            .add(text.substring(i + 1, close).replace(':', ' '));
                    i = close + 1;
                    continue;
                }
                // An unbalanced quote is just a character: the words after it are plain words.
                i++;
                if (!excluded) {
                    continue;
                }
            }
            int end = i;
            while (end < length && text.charAt(end) != ' ' && text.charAt(end) != '"') {
                end++;
            }
            // "title:nato" would be one token to the tokenizer; a colon typed in a query is field
            // syntax the user expected to work, so it separates words instead.
            (excluded ? excludedWords : bag).add(text.substring(i, end).replace(':', ' '));
            i = end;
        }
    }

    private List<QueryPhrase> phrases(List<String> texts) {
        List<QueryPhrase> phrases = new ArrayList<>();
        for (String text : texts) {
            // Both analyses tokenize alike: a term stands at the position of the word it comes from.
            List<String> words = new ArrayList<>();
            Map<Integer, Integer> wordAt = new HashMap<>();
            for (Token token : analyze(IndexSchema.BODY_WORDS, text)) {
                wordAt.put(token.position(), words.size());
                words.add(token.term());
            }
            List<String> terms = new ArrayList<>();
            List<Integer> positions = new ArrayList<>();
            for (Token token : analyze(IndexSchema.BODY, text)) {
                // Stop words leave gaps, at the start too; symbols nobody searches for do not.
                Integer word = wordAt.get(token.position());
                if (word != null) {
                    terms.add(token.term());
                    positions.add(word);
                }
            }
            if (terms.isEmpty()) {
                continue;
            }
            phrases.add(new QueryPhrase(terms, positions, words));
        }
        return phrases;
    }

    private String nothingToSearchMessage(
            List<String> bag, List<String> quoted, List<String> excludedWords, List<String> excludedQuoted) {
        if (hasWord(excludedWords) || hasWord(excludedQuoted)) {
            return ONLY_EXCLUSIONS_MESSAGE;
        }
        List<String> positive = new ArrayList<>(bag);
        positive.addAll(quoted);
        List<Token> words = analyze(IndexSchema.BODY_WORDS, String.join(" ", positive));
        if (words.isEmpty()) {
            return NO_WORDS_MESSAGE;
        }
        return "Your query has only common words like '" + words.get(0).term()
                + "'; add a word that says what you are looking for.";
    }

    private static boolean hasWord(List<String> texts) {
        return texts.stream().anyMatch(text -> text.codePoints().anyMatch(Character::isLetterOrDigit));
    }

    private List<Token> analyze(String field, String text) {
        List<Token> tokens = new ArrayList<>();
        if (text.isBlank()) {
            return tokens;
        }
        try (TokenStream stream = analyzer.tokenStream(field, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            PositionIncrementAttribute increment = stream.addAttribute(PositionIncrementAttribute.class);
            stream.reset();
            int position = -1;
            while (stream.incrementToken()) {
                position += increment.getPositionIncrement();
                // Emoji and other symbols are tokens too, but nobody searches a corpus for them.
                if (term.toString().codePoints().anyMatch(Character::isLetterOrDigit)) {
                    tokens.add(new Token(term.toString(), position));
                }
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException("analyzing a query from memory failed", e);
        }
        return tokens;
    }

    private record Token(String term, int position) {}
}
