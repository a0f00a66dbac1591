package org.citebot.reindex;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.citebot.passages.IndexProgress.Phase;
import org.junit.jupiter.api.Test;

class ReindexStatusTest {

    private final ReindexStatus starting =
            ReindexStatus.starting(ReindexRequest.cli(false), Instant.parse("2026-12-06T10:00:00Z"));

    @Test
    void progress_whileAFileIsEmbedded_showsTheFilesAndThePassagesEmbedded() {
        ReindexStatus status = starting.at(Phase.READING, 3, 12).at(Phase.EMBEDDING, 40, 120);

        assertThat(status.progress()).isEqualTo("reading 3/12 files, embedding 40/120 passages of one");
    }

    @Test
    void progress_onceTheFileIsEmbeddedOrTheNextIsRead_showsTheFilesOnly() {
        assertThat(starting.at(Phase.READING, 3, 12)
                        .at(Phase.EMBEDDING, 120, 120)
                        .progress())
                .isEqualTo("reading 3/12 files");
        assertThat(starting.at(Phase.READING, 3, 12)
                        .at(Phase.EMBEDDING, 40, 120)
                        .at(Phase.READING, 4, 12)
                        .progress())
                .isEqualTo("reading 4/12 files");
    }
}
