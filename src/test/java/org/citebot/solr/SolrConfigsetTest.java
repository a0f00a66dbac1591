package org.citebot.solr;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.citebot.index.IndexSchema;
import org.citebot.index.IndexSettings;
import org.junit.jupiter.api.Test;

/**
 * The configset kept in the project against the embedded index's schema, without a Solr: the
 * same stop words, BM25 parameters and field names. {@code SolrCloudCollectionTest} checks the
 * analysis and scores on a running Solr.
 */
class SolrConfigsetTest {

    private final SolrConfigset configset = SolrConfigset.bundled();

    @Test
    void stopWords_areLucenesEnglishAnalyzerStopWords() {
        Set<String> file = new TreeSet<>();
        for (String line : configset.text("stopwords_en.txt").split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                file.add(line.strip());
            }
        }
        Set<String> lucene = new TreeSet<>();
        IndexSchema.englishStopWords().forEach(word -> lucene.add(new String((char[]) word)));

        assertThat(file).isEqualTo(lucene);
    }

    @Test
    void similarity_isBm25WithTheEmbeddedIndexsK1AndB() {
        String schema = configset.text("managed-schema.xml");
        IndexSettings settings = IndexSettings.defaults();

        assertThat(schema).contains("<similarity class=\"solr.SchemaSimilarityFactory\"/>");
        String text = fieldType(schema, "text_en_citebot");
        assertThat(floatParameter(text, "k1")).isEqualTo(settings.bm25K1());
        assertThat(floatParameter(text, "b")).isEqualTo(settings.bm25B());
        String weighted = fieldType(schema, "weighted_citebot");
        assertThat(floatParameter(weighted, "k1")).isEqualTo(settings.bm25K1());
        assertThat(floatParameter(weighted, "b")).isEqualTo(settings.bm25B());
    }

    @Test
    void schema_declaresEveryFieldOfTheEmbeddedIndex() throws IllegalAccessException {
        Set<String> declared = new TreeSet<>();
        Matcher field = Pattern.compile("<field name=\"([^\"]+)\"").matcher(configset.text("managed-schema.xml"));
        while (field.find()) {
            declared.add(field.group(1));
        }
        List<String> embedded = new ArrayList<>();
        for (Field constant : IndexSchema.class.getFields()) {
            if (Modifier.isStatic(constant.getModifiers())
                    && constant.getType() == String.class
                    && !constant.getName().startsWith("KIND_")
                    && !constant.getName().startsWith("ORIGIN_")) {
                embedded.add((String) constant.get(null));
            }
        }

        assertThat(embedded).hasSizeGreaterThan(20);
        assertThat(declared).containsAll(embedded).contains(SolrPassageDocuments.ID, "_version_");
    }

    @Test
    void withoutSearchCaches_dropsTheThreeQueryCachesAndNothingElse() {
        SolrConfigset bench = configset.withoutSearchCaches();

        String config = bench.text("solrconfig.xml");
        assertThat(config).doesNotContain("<filterCache", "<queryResultCache", "<documentCache");
        assertThat(config)
                .as("the rest of the config, line by line")
                .isEqualTo(configset
                        .text("solrconfig.xml")
                        .lines()
                        .filter(line -> !line.matches("\\s*<(filterCache|queryResultCache|documentCache)\\b.*"))
                        .map(line -> line + "\n")
                        .reduce("", String::concat));
        for (String file : List.of("managed-schema.xml", "stopwords_en.txt", "query_gaps.txt")) {
            assertThat(bench.text(file)).as(file).isEqualTo(configset.text(file));
        }
        assertThat(bench.name())
                .as("its own name, so the bot's configset is never changed")
                .isNotEqualTo(configset.name())
                .isEqualTo(SolrConfigset.bundled().withoutSearchCaches().name());
    }

    @Test
    void name_isStableAndNamesTheContent() {
        assertThat(SolrConfigset.bundled().name()).isEqualTo(configset.name()).matches("citebot-[0-9a-f]{12}");
        assertThat(configset.zip()).isNotEmpty();
    }

    @Test
    void nextName_countsPastTheHighestGeneration() {
        assertThat(SolrCollections.nextName("citebot", List.of())).isEqualTo("citebot_g1");
        assertThat(SolrCollections.nextName("citebot", List.of("citebot_g1", "citebot_g7", "other_g9", "citebot_gx")))
                .isEqualTo("citebot_g8");
    }

    @Test
    void zkAddress_chrootOnTheLastHost_isSplitOff() {
        assertThat(SolrConnection.ZkAddress.parse(List.of("zk1:2181", "zk2:2181/solr")))
                .isEqualTo(new SolrConnection.ZkAddress(List.of("zk1:2181", "zk2:2181"), Optional.of("/solr")));
        assertThat(SolrConnection.ZkAddress.parse(List.of("zk1:2181")))
                .isEqualTo(new SolrConnection.ZkAddress(List.of("zk1:2181"), Optional.empty()));
    }

    private static String fieldType(String schema, String name) {
        int start = schema.indexOf("<fieldType name=\"" + name + "\"");
        assertThat(start).as("field type %s", name).isNotNegative();
        return schema.substring(start, schema.indexOf("</fieldType>", start));
    }

    private static float floatParameter(String schema, String name) {
        Matcher matcher = Pattern.compile("<float name=\"" + name + "\">([0-9.]+)</float>")
                .matcher(schema);
        assertThat(matcher.find()).as("BM25 parameter %s", name).isTrue();
        return Float.parseFloat(matcher.group(1));
    }
}
