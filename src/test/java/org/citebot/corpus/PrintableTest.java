package org.citebot.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrintableTest {

    @Test
    void escape_ordinaryNames_areUnchanged() {
        assertThat(Printable.escape("000_a1f61fe0d4b32682")).isEqualTo("000_a1f61fe0d4b32682");
        assertThat(Printable.escape("Café – notes/été 😀.md")).isEqualTo("Café – notes/été 😀.md");
    }

    @Test
    void escape_terminalCodesNewlinesAndBidiControls_areWrittenAsEscapes() {
        assertThat(Printable.escape("\u001b[31mred\u001b[0m.txt")).isEqualTo("\\x1b[31mred\\x1b[0m.txt");
        assertThat(Printable.escape("two\nlines\r\tand\u0007bell\u009b.txt"))
                .isEqualTo("two\\nlines\\r\\tand\\x07bell\\x9b.txt");
        assertThat(Printable.escape("evil\u202Etxt.exe")).isEqualTo("evil\\u202etxt.exe");
        assertThat(Printable.escape("line\u2028sep")).isEqualTo("line\\u2028sep");
    }

    @Test
    void escape_backslash_isDoubledSoDifferentNamesStayDifferent() {
        assertThat(Printable.escape("a\\x1b.txt")).isEqualTo("a\\\\x1b.txt");
        assertThat(Printable.escape("a\u001b.txt")).isNotEqualTo(Printable.escape("a\\x1b.txt"));
    }
}
