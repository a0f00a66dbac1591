package org.citebot.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.citebot.index.IndexSchema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UserQueryParserTest {

    private final Analyzer analyzer = IndexSchema.perFieldAnalyzer(IndexSchema.englishAnalyzer());
    private final UserQueryParser parser = new UserQueryParser(analyzer);

    @AfterEach
    void closeAnalyzer() {
        analyzer.close();
    }

    @Test
    void parse_wordsPhrasesAndExclusions_separatesAndAnalyzesThem() {
        ParsedQuery query = parser.parse("NATO summit \"nuclear war\" -Russia -\"arms control\"");

        assertThat(query.terms()).containsExactly("nato", "summit");
        assertThat(query.phrases())
                .containsExactly(new QueryPhrase(List.of("nuclear", "war"), List.of(0, 1), List.of("nuclear", "war")));
        assertThat(query.excludedTerms()).containsExactly("russia");
        assertThat(query.excludedPhrases())
                .containsExactly(new QueryPhrase(List.of("arm", "control"), List.of(0, 1), List.of("arms", "control")));
        assertThat(query.words()).containsExactly("nato", "summit", "nuclear", "war");
        assertThat(query.normalized()).isEqualTo("nato summit \"nuclear war\" -\"arm control\" -russia");
    }

    @Test
    void parse_phraseWithStopWord_keepsTheGapInPositions() {
        ParsedQuery query = parser.parse("\"secretary of state\"");

        assertThat(query.phrases())
                .containsExactly(new QueryPhrase(
                        List.of("secretari", "state"), List.of(0, 2), List.of("secretary", "of", "state")));
        assertThat(query.normalized()).isEqualTo("\"secretary of state\"");
    }

    @Test
    void parse_phraseWithASymbol_placesTermsAmongTheWordsKept() {
        // The symbol is a token to the tokenizer but no word of the phrase.
        ParsedQuery query = parser.parse("\"the \u2F3A red line\"");

        assertThat(query.phrases())
                .containsExactly(new QueryPhrase(List.of("red", "line"), List.of(1, 2), List.of("the", "red", "line")));
    }

    @Test
    void parse_phraseStartingWithStopWords_placesEachTermAtItsWord() {
        ParsedQuery query = parser.parse("\"the whole of Europe\"");

        assertThat(query.phrases())
                .containsExactly(new QueryPhrase(
                        List.of("whole", "europ"), List.of(1, 3), List.of("the", "whole", "of", "europe")));
    }

    @Test
    void normalized_differentSpellingsOfSameQuestion_areEqual() {
        assertThat(parser.parse("NATO  Summit?").normalized())
                .isEqualTo(parser.parse("nato summit").normalized())
                .isEqualTo(parser.parse("summit NATO's summits").normalized())
                .isEqualTo("nato summit");
    }

    @Test
    void parse_unbalancedQuote_treatsTheRestAsPlainWords() {
        ParsedQuery query = parser.parse("\"nuclear war");

        assertThat(query.terms()).containsExactly("nuclear", "war");
        assertThat(query.phrases()).isEmpty();
    }

    @Test
    void parse_quotedSingleWord_becomesARequiredPhrase() {
        ParsedQuery query = parser.parse("drones \"Kherson\"");

        assertThat(query.terms()).containsExactly("drone");
        assertThat(query.phrases())
                .containsExactly(new QueryPhrase(List.of("kherson"), List.of(0), List.of("kherson")));
    }

    @Test
    void parse_hyphenInsideWord_isNotAnExclusion() {
        ParsedQuery query = parser.parse("long-range missiles");

        assertThat(query.excludedTerms()).isEmpty();
        assertThat(query.terms()).contains("long", "rang", "missil");
    }

    @Test
    void parse_luceneSyntax_isPlainText() {
        ParsedQuery query = parser.parse("title:(x AND body:nato~2 OR /.*/ +summit^3 [a TO z]");

        assertThat(query.terms()).contains("titl", "x", "nato", "summit");
        assertThat(query.normalized()).doesNotContain(":", "(", "~", "^", "/", "*", "[", "+");
    }

    @Test
    void parse_doubleMinus_excludesTheWord() {
        assertThatThrownBy(() -> parser.parse("--x"))
                .isInstanceOf(QueryException.class)
                .hasMessage(UserQueryParser.ONLY_EXCLUSIONS_MESSAGE);
        assertThat(parser.parse("summit --Ankara").excludedTerms()).containsExactly("ankara");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\t\n", "\u0000\u001b[31m"})
    void parse_blank_asksForWords(String blank) {
        assertThatThrownBy(() -> parser.parse(blank))
                .isInstanceOf(QueryException.class)
                .hasMessage(UserQueryParser.EMPTY_MESSAGE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"*", "/.*/", "-", "😀🚀", "((( )))", "~~ || ** __"})
    void parse_noWordsAtAll_saysSo(String query) {
        assertThatThrownBy(() -> parser.parse(query))
                .isInstanceOf(QueryException.class)
                .hasMessageContaining("no words");
    }

    @ParameterizedTest
    @ValueSource(strings = {"the of and", "AND OR NOT", "a~", "\"the\""})
    void parse_onlyStopWords_namesACommonWord(String query) {
        assertThatThrownBy(() -> parser.parse(query))
                .isInstanceOf(QueryException.class)
                .hasMessageContaining("only common words like '")
                .hasMessageContaining("add a word");
    }

    @Test
    void parse_onlyExclusions_asksForSomethingToLookFor() {
        assertThatThrownBy(() -> parser.parse("-russia -\"arms control\""))
                .isInstanceOf(QueryException.class)
                .hasMessage(UserQueryParser.ONLY_EXCLUSIONS_MESSAGE);
    }

    @Test
    void parse_veryLongQuery_isCutAtAWordBoundary() {
        String query = "escalation ".repeat(1000);

        ParsedQuery parsed = parser.parse(query);

        assertThat(parsed.text())
                .hasSizeLessThanOrEqualTo(UserQueryParser.MAX_CHARS)
                .endsWith("escalation");
        assertThat(parsed.terms()).hasSize((UserQueryParser.MAX_CHARS + 1) / "escalation ".length());
    }

    @Test
    void parse_veryLongWordWithoutSpaces_isCutWithoutFailing() {
        ParsedQuery parsed = parser.parse("x".repeat(10_000));

        assertThat(parsed.text()).hasSize(UserQueryParser.MAX_CHARS);
    }

    @Test
    void parse_controlCharactersAndTerminalEscapes_areStripped() {
        ParsedQuery query = parser.parse("nuclear\u0000war \u001b[31mred\u001b[0m alert\u0007");

        assertThat(query.text()).isEqualTo("nuclear war red alert");
        assertThat(query.terms()).containsExactly("nuclear", "war", "red", "alert");
    }

    @Test
    void parse_emojiAndRightToLeftText_doNoHarm() {
        assertThat(parser.parse("🚀 nuclear 👍🏽 war").terms()).containsExactly("nuclear", "war");
        assertThat(parser.parse("\u202Eحرب نووية").terms()).containsExactly("حرب", "نووية");
        assertThat(parser.parse("מלחמה גרעינית NATO").terms()).containsExactly("מלחמה", "גרעינית", "nato");
    }

    @Test
    void parse_discordMarkdownAndMentions_areJustWords() {
        assertThat(parser.parse("**bold** _x_ ~~y~~ ||spoiler||").terms()).contains("bold", "y", "spoiler");
        assertThat(parser.parse("@everyone").terms()).containsExactly("everyon");
        assertThat(parser.parse("<@123>").terms()).containsExactly("123");
    }

    @Test
    void parse_questionFraming_neitherMatchedNorKeptForBolding() {
        ParsedQuery query = parser.parse("Why did NATO send tanks, and how many were there according to Biden?");

        assertThat(query.terms()).containsExactly("nato", "send", "tank", "biden");
        assertThat(query.words()).doesNotContain("why", "did", "how", "many", "according");
    }

    @Test
    void parse_whatDidSomeoneSayAbout_keepsOnlyWhoAndWhat() {
        assertThat(parser.parse("What did Stoltenberg say about red lines?").terms())
                .containsExactly("stoltenberg", "red", "line");
    }

    @Test
    void parse_takePlaceTogether_isFramingButPlaceAloneIsNot() {
        assertThat(parser.parse("Where did the summit take place?").terms()).containsExactly("summit");
        assertThat(parser.parse("a safe place for civilians").terms()).containsExactly("safe", "place", "civilian");
    }

    @Test
    void parse_quotedQuestionWords_areKept() {
        ParsedQuery query = parser.parse("\"how many\" casualties");

        assertThat(query.terms()).containsExactly("casualti");
        assertThat(query.phrases())
                .containsExactly(new QueryPhrase(List.of("how", "mani"), List.of(0, 1), List.of("how", "many")));
    }

    @Test
    void parse_onlyQuestionWords_searchesThemRatherThanNothing() {
        assertThat(parser.parse("how many?").terms()).containsExactly("how", "mani");
    }

    @Test
    void parse_onlyFramingBesideAPhrase_searchesThePhrase() {
        ParsedQuery query = parser.parse("why \"red line\"");

        assertThat(query.terms()).isEmpty();
        assertThat(query.phrases()).hasSize(1);
    }

    @Test
    void normalized_questionAndKeywords_shareOneCacheEntry() {
        assertThat(parser.parse("How many civilians have died?").normalized())
                .isEqualTo(parser.parse("civilians died").normalized());
    }
}
