package org.citebot.state;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.citebot.testing.CitebotClasses;
import org.junit.jupiter.api.Test;

/**
 * Each technology stays in the packages that own it: SQL (JDBC and its drivers) behind the
 * features' ports in {@code state}, Lucene in the index and search. The benchmarks compare
 * engines (SQLite's FTS5 among them) and the evaluation compares Lucene configurations, so both
 * may use them directly.
 */
class SqlAndLuceneInTheirPackagesTest {

    @Test
    void onlyStateAndBench_useSql() {
        noClasses()
                .that()
                .resideOutsideOfPackages("org.citebot.state..", "org.citebot.bench..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("java.sql..", "javax.sql..", "org.sqlite..", "org.postgresql..", "com.zaxxer..")
                .because("features reach the state database through their ports, which state implements for"
                        + " SQLite and PostgreSQL")
                .check(CitebotClasses.main());
    }

    @Test
    void onlyIndexSearchBenchAndEval_useLucene() {
        noClasses()
                .that()
                .resideOutsideOfPackages(
                        "org.citebot.index..", "org.citebot.search..", "org.citebot.bench..", "org.citebot.eval..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.apache.lucene..")
                .because("the index and search own Lucene; the rest reads passages and results as records")
                .check(CitebotClasses.main());
    }
}
