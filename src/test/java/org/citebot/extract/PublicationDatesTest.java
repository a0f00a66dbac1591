package org.citebot.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The date forms pages use for their publication date. */
class PublicationDatesTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "2019-11-19|2019-11-19",
                "2019-11-19T23:30:00-05:00|2019-11-19",
                "2019-11-19T05:00:00.000Z|2019-11-19",
                "2019/11/19|2019-11-19",
                "20191119|2019-11-19",
                "Tue, 19 Nov 2019 10:00:00 GMT|2019-11-19",
                "November 19, 2019|2019-11-19",
                "Nov. 19, 2019 at 10:15 a.m.|2019-11-19",
                "19 November 2019|2019-11-19",
                "Tuesday, 19th November 2019|2019-11-19",
                "Sept. 3, 2019|2019-09-03"
            })
    void parse_commonForms_giveTheCalendarDateAsWritten(String raw, LocalDate expected) {
        assertThat(PublicationDates.parse(raw)).contains(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "yesterday", "2019-13-45", "12/11/2019"})
    void parse_unknownOrImpossible_isEmpty(String raw) {
        assertThat(PublicationDates.parse(raw)).isEmpty();
    }
}
