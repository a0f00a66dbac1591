package org.citebot.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MarkdownReaderTest {

    /** The inline rules as regular expressions, as the reader once had them: the specification. */
    private static final Pattern IMAGE = Pattern.compile("!\\[[^\\]]*\\]\\([^)]*\\)");

    private static final Pattern LINK = Pattern.compile("\\[([^\\]]+)\\]\\([^)]*\\)");
    private static final Pattern STRONG = Pattern.compile("(\\*\\*|__)(?=\\S)(.+?)(?<=\\S)\\1");
    private static final Pattern EMPHASIS = Pattern.compile("(?<![\\w*])\\*(?=\\S)([^*\\n]+?)(?<=\\S)\\*(?![\\w*])");
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");
    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.*?)\\s*#*\\s*$");
    private static final Pattern RULE = Pattern.compile("^\\s*([-*_])(\\s*\\1){2,}\\s*$");

    private static String inlineByRegex(String line) {
        String text = IMAGE.matcher(line).replaceAll("");
        text = LINK.matcher(text).replaceAll("$1");
        text = STRONG.matcher(text).replaceAll("$2");
        text = EMPHASIS.matcher(text).replaceAll("$1");
        return CODE.matcher(text).replaceAll("$1");
    }

    private static String randomLine(Random random, String alphabet, int maxLength) {
        int length = random.nextInt(maxLength + 1);
        StringBuilder line = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            line.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return line.toString();
    }

    @Test
    void inline_randomLines_sameResultAsTheRegularExpressions() {
        Random random = new Random(20261201);
        for (int i = 0; i < 200_000; i++) {
            String line = randomLine(random, "*_a b![]()`", 16);
            assertThat(MarkdownReader.inline(line)).as("inline(\"%s\")", line).isEqualTo(inlineByRegex(line));
        }
    }

    @Test
    void heading_randomLines_sameResultAsTheRegularExpression() {
        Random random = new Random(20261202);
        for (int i = 0; i < 100_000; i++) {
            String line = randomLine(random, "# a\t", 12);
            var matcher = HEADING.matcher(line);
            String expected = matcher.matches() ? matcher.group(1) : null;
            assertThat(MarkdownReader.headingText(line).orElse(null))
                    .as("heading \"%s\"", line)
                    .isEqualTo(expected);
        }
    }

    @Test
    void rule_randomLines_sameResultAsTheRegularExpression() {
        Random random = new Random(20261203);
        for (int i = 0; i < 100_000; i++) {
            String line = randomLine(random, "-*_ a", 8);
            assertThat(MarkdownReader.isRule(line))
                    .as("rule \"%s\"", line)
                    .isEqualTo(RULE.matcher(line).matches());
        }
    }

    @Test
    void read_nineMegabyteLineOfStrongOpeners_isReadWithinSeconds() {
        byte[] file = ("Intro.\n\n" + "**".repeat(4_500_000) + "\n").getBytes(StandardCharsets.UTF_8);

        // The lazy STRONG expression tried every opener against the rest of the line: 100 KB took 30 s.
        ExtractedText extracted =
                assertTimeoutPreemptively(Duration.ofSeconds(30), () -> new MarkdownReader().read(file));

        assertThat(extracted.text()).startsWith("Intro.\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"**a ", "__a ", "![", "[", "[a](", "# a ", "- "})
    void read_megabyteLineOfOneRepeatedOpener_isReadWithinSeconds(String opener) {
        String line = opener.repeat(1_000_000 / opener.length()) + "x";
        byte[] file = ("Intro.\n\n" + line + "\n").getBytes(StandardCharsets.UTF_8);

        ExtractedText extracted =
                assertTimeoutPreemptively(Duration.ofSeconds(30), () -> new MarkdownReader().read(file));

        assertThat(extracted.text()).startsWith("Intro.\n");
    }
}
