package org.citebot.solr;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.citebot.testing.CitebotClasses;
import org.junit.jupiter.api.Test;

/**
 * SolrJ and ZooKeeper stay in the {@code solr} package, as Lucene stays in the index and search:
 * the rest of citebot reaches SolrCloud through its records and its one exception. Among the tests,
 * only the solr package's own and the shared test cluster in {@code testing} touch SolrJ.
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

    @Test
    void onlySolrAndTestingTests_useSolrJAndZooKeeper() {
        noClasses()
                .that()
                .resideOutsideOfPackages("org.citebot.solr..", "org.citebot.testing..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.apache.solr..", "org.apache.zookeeper..")
                .because("other tests reach SolrCloud through citebot's own solr package and SolrCloudCluster")
                .check(new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS)
                        .importPackages("org.citebot"));
    }
}
