package org.citebot.passages;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.citebot.testing.CitebotClasses;
import org.junit.jupiter.api.Test;

/**
 * The passage store's values belong to no engine: the embedded index and SolrCloud both speak them,
 * so they import neither Lucene nor SolrJ, nor either engine's package, and data flows one way.
 */
class PassagesStayNeutralTest {

    @Test
    void passages_importNeitherLuceneNorSolr() {
        noClasses()
                .that()
                .resideInAPackage("org.citebot.passages..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.apache.lucene..",
                        "org.apache.solr..",
                        "org.apache.zookeeper..",
                        "org.citebot.index..",
                        "org.citebot.solr..",
                        "org.citebot.search..")
                .because("both search backends speak these values; neither owns them")
                .check(CitebotClasses.main());
    }
}
