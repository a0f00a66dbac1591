package org.citebot.backend;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.citebot.testing.CitebotClasses;
import org.junit.jupiter.api.Test;

/**
 * The features that change or report on the passages (reindexing, curation, the commands with
 * {@code /status}, the ops endpoint) reach them through {@link org.citebot.passages.PassageStore} and
 * {@link SearchBackend}, never through the embedded index, so a second backend serves them unchanged.
 */
class WriteSideThroughThePortTest {

    @Test
    void features_doNotDependOnTheEmbeddedIndex() {
        noClasses()
                .that()
                .resideInAnyPackage(
                        "org.citebot.reindex..",
                        "org.citebot.command..",
                        "org.citebot.sources..",
                        "org.citebot.ops..",
                        "org.citebot.console..",
                        "org.citebot.discord..",
                        "org.citebot.backend..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.citebot.index..", "org.citebot.solr..")
                .because("the passages are reached through the backend's port, whichever engine holds them")
                .check(CitebotClasses.main());
    }
}
