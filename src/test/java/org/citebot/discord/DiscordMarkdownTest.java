package org.citebot.discord;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.citebot.reply.StyledText;
import org.citebot.search.HighlightSpan;
import org.junit.jupiter.api.Test;

class DiscordMarkdownTest {

    @Test
    void escape_inlineFormatting_shownLiterally() {
        assertThat(DiscordMarkdown.escape("*a* _b_ ~~c~~ `d` ||e|| \\ [f](https://x.y) <@&123> #g"))
                .isEqualTo(
                        "\\*a\\* \\_b\\_ \\~\\~c\\~\\~ \\`d\\` \\|\\|e\\|\\| \\\\ \\[f\\]\\(https://x.y\\) \\<@&123\\> \\#g");
    }

    @Test
    void escape_lineStarts_noListsQuotesOrHeadings() {
        assertThat(DiscordMarkdown.escape("- item\n  + more\n12. first\n3) third\n> quote\n# head\n-# small"))
                .isEqualTo("\\- item\n  \\+ more\n12\\. first\n3\\) third\n\\> quote\n\\# head\n\\-\\# small");
    }

    @Test
    void escape_unicodeLineSeparators_startLinesToo() {
        assertThat(DiscordMarkdown.escape("a\u2028- b\u2029# c")).isEqualTo("a\u2028\\- b\u2029\\# c");
    }

    @Test
    void escape_numbersAndDashesInsideLines_untouched() {
        assertThat(DiscordMarkdown.escape("In 1990. the cold-war - ended 3) ok"))
                .isEqualTo("In 1990. the cold-war - ended 3\\) ok");
    }

    @Test
    void escape_controlsBidiOverridesAndLoneSurrogates_leftOut_emojiAndZeroWidthKept() {
        assertThat(DiscordMarkdown.escape("a\u0000b\r\nc\u202Eevil\u2066d\uD83D e😀\u200Bf"))
                .isEqualTo("ab\ncevild e😀\u200Bf");
    }

    @Test
    void render_boldSpans_trimmedOfWhitespaceMergedAndEscapedInside() {
        StyledText text = new StyledText(
                "see  *nuclear* escalation now", List.of(new HighlightSpan(3, 9), new HighlightSpan(9, 25)));

        assertThat(DiscordMarkdown.render(text)).isEqualTo("see  **\\*nuclear\\* escalation** now");
    }

    @Test
    void render_spansSeparatedBySpace_markedSeparately() {
        StyledText text =
                new StyledText("nuclear escalation", List.of(new HighlightSpan(0, 8), new HighlightSpan(8, 18)));

        assertThat(DiscordMarkdown.render(text)).isEqualTo("**nuclear** **escalation**");
    }

    @Test
    void render_boldAtLineStartNumber_stillEscapesTheList() {
        StyledText text = new StyledText("1. item", List.of(new HighlightSpan(0, 1)));

        assertThat(DiscordMarkdown.render(text)).isEqualTo("**1**\\. item");
    }

    @Test
    void render_whitespaceOnlySpan_notMarked() {
        assertThat(DiscordMarkdown.render(new StyledText("a   b", List.of(new HighlightSpan(1, 4)))))
                .isEqualTo("a   b");
    }
}
