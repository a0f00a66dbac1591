package org.citebot.solr;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.citebot.testing.CitebotClasses;
import org.junit.jupiter.api.Test;

/**
 * SolrJ and ZooKeeper stay in the {@code solr} package, as Lucene stays in the index and search:
 * the rest of citebot reaches SolrCloud through its records and its one exception.
 */
class SolrInItsPackageTest {

    @Test
    void onlySolr_usesSolrJAndZooKeeper() {
        noClasses()
                .that()
                .resideOutsideOfPackage("org.citebot.solr..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.apache.solr..", "org.apache.zookeeper..")
                .because("the solr package owns SolrCloud; callers use its records and SolrUnavailableException")
                .check(CitebotClasses.main());
    }
}
