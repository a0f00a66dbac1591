package org.citebot.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    @Test
    void load_shippedConfig_equalsBuiltInDefaults() {
        CitebotConfig shipped = new ConfigLoader(Map.of()).load(Optional.of(Path.of("config/citebot.yaml")), true);
        CitebotConfig defaults = new ConfigLoader(Map.of()).load(Optional.empty(), false);

        assertThat(shipped).isEqualTo(defaults);
        assertThat(shipped.index().dir()).isEqualTo(Path.of("data/index"));
        assertThat(shipped.corpus().dir()).isEqualTo(Path.of("seeds"));
        assertThat(shipped.discord().restUrl()).isEqualTo(URI.create("https://discord.com/api/v10/"));
        assertThat(shipped.rateLimit().window()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void load_shippedConfig_documentsEveryKey() throws IOException {
        String text = Files.readString(Path.of("config/citebot.yaml"));
        for (ConfigKey<?> key : ConfigLoader.KEYS) {
            String leaf = key.path().substring(key.path().lastIndexOf('.') + 1);
            assertThat(text).as("key %s in the sample config", key.path()).contains(leaf + ":");
        }
    }

    @Test
    void load_environmentVariable_overridesFile() throws IOException {
        Path file = write("index:\n  dir: from-file\ndiscord:\n  restUrl: http://127.0.0.1:9/api/v10/\n");
        ConfigLoader loader = new ConfigLoader(Map.of(
                "CITEBOT_INDEX_DIR", "/tmp/from-env",
                "CITEBOT_DISCORD_GATEWAY_URL", "ws://127.0.0.1:10/",
                "CITEBOT_DISCORD_GUILDS", "123456789012345678, 223456789012345678"));

        CitebotConfig config = loader.load(Optional.of(file), true);

        assertThat(config.index().dir()).isEqualTo(Path.of("/tmp/from-env"));
        assertThat(config.discord().restUrl()).isEqualTo(URI.create("http://127.0.0.1:9/api/v10/"));
        assertThat(config.discord().gatewayUrl()).isEqualTo(URI.create("ws://127.0.0.1:10/"));
        assertThat(config.discord().guilds()).containsExactly("123456789012345678", "223456789012345678");
    }

    @Test
    void environmentVariable_camelCaseKey_isSnakeCase() {
        assertThat(ConfigLoader.DISCORD_REST_URL.environmentVariable()).isEqualTo("CITEBOT_DISCORD_REST_URL");
        assertThat(ConfigLoader.INDEX_DIR.environmentVariable()).isEqualTo("CITEBOT_INDEX_DIR");
        assertThat(ConfigLoader.CORPUS_MAX_FILE_SIZE.environmentVariable()).isEqualTo("CITEBOT_CORPUS_MAX_FILE_SIZE");
    }

    static Stream<Arguments> invalidValues() {
        return Stream.of(
                Arguments.of("search:\n  results: 0\n", "search.results"),
                Arguments.of("search:\n  results: lots\n", "search.results"),
                Arguments.of("discord:\n  restUrl: ftp://example.org/\n", "discord.restUrl"),
                Arguments.of("discord:\n  gatewayUrl: http://127.0.0.1/\n", "discord.gatewayUrl"),
                Arguments.of("discord:\n  guilds: [not-an-id]\n", "discord.guilds"),
                Arguments.of("operators:\n  users: [\"@alice\"]\n", "operators.users"),
                Arguments.of("discord:\n  privateByDefault: maybe\n", "discord.privateByDefault"),
                Arguments.of("rateLimit:\n  window: soon\n", "rateLimit.window"),
                Arguments.of("rateLimit:\n  searches: -1\n", "rateLimit.searches"),
                Arguments.of("corpus:\n  maxFileSize: 12 parsecs\n", "corpus.maxFileSize"),
                Arguments.of("corpus:\n  dir: [a, b]\n", "corpus.dir"),
                Arguments.of("index:\n  dri: typo\n", "index.dri"),
                Arguments.of("discord:\n  token: abc\n", "discord.token"));
    }

    @ParameterizedTest
    @MethodSource("invalidValues")
    void load_invalidValue_failsNamingTheKey(String yaml, String key) throws IOException {
        Path file = write(yaml);

        assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(Optional.of(file), true))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(key);
    }

    @Test
    void load_invalidEnvironmentValue_namesKeyAndVariable() {
        ConfigLoader loader = new ConfigLoader(Map.of("CITEBOT_SEARCH_RESULTS", "11"));

        assertThatThrownBy(() -> loader.load(Optional.empty(), false))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("search.results")
                .hasMessageContaining("CITEBOT_SEARCH_RESULTS")
                .hasMessageContaining("between 1 and 10");
    }

    @Test
    void shards_rangeAndListsOfAProcess_everyShardByDefault() throws IOException {
        assertThat(new ConfigLoader(Map.of())
                        .load(Optional.empty(), false)
                        .discord()
                        .shards())
                .isEqualTo(new CitebotConfig.Shards(1, List.of(0)));
        Path file = write("discord:\n  shards:\n    total: 8\n    ids: 2-3, 6\n");
        CitebotConfig.Shards shards = new ConfigLoader(Map.of())
                .load(Optional.of(file), true)
                .discord()
                .shards();
        assertThat(shards).isEqualTo(new CitebotConfig.Shards(8, List.of(2, 3, 6)));
        // 2 << 22 is on shard 2 of 8; 4 << 22 on shard 4, another process's.
        assertThat(shards.owns(String.valueOf(2L << 22))).isTrue();
        assertThat(shards.owns(String.valueOf(4L << 22))).isFalse();
        assertThat(new ConfigLoader(Map.of("CITEBOT_DISCORD_SHARDS_TOTAL", "4"))
                        .load(Optional.empty(), false)
                        .discord()
                        .shards()
                        .ids())
                .containsExactly(0, 1, 2, 3);
    }

    @Test
    void shards_idBeyondTheTotalOrBackwards_failWithTheRange() throws IOException {
        Path beyond = write("discord:\n  shards:\n    total: 4\n    ids: 2-4\n");
        assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(Optional.of(beyond), true))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("discord.shards.ids")
                .hasMessageContaining("shard 4 does not exist with discord.shards.total 4 (shards are 0 to 3)");
        assertThatThrownBy(() ->
                        new ConfigLoader(Map.of("CITEBOT_DISCORD_SHARDS_IDS", "3-1")).load(Optional.empty(), false))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("the range '3-1' runs backwards");
    }

    @Test
    void operators_fromFileOrEnvironment_noneByDefault() throws IOException {
        Path file = write("operators:\n  users: [\"123456789012345678\"]\n");

        assertThat(new ConfigLoader(Map.of())
                        .load(Optional.empty(), false)
                        .operators()
                        .users())
                .isEmpty();
        assertThat(new ConfigLoader(Map.of())
                        .load(Optional.of(file), true)
                        .operators()
                        .users())
                .containsExactly("123456789012345678");
        assertThat(new ConfigLoader(Map.of("CITEBOT_OPERATORS_USERS", "223456789012345678,323456789012345678"))
                        .load(Optional.of(file), true)
                        .operators()
                        .users())
                .containsExactly("223456789012345678", "323456789012345678");
    }

    @Test
    void load_misspelledEnvironmentVariable_failsNamingItAndTheKeyItMeant() {
        ConfigLoader loader = new ConfigLoader(Map.of("CITEBOT_CORPUS_DIRR", "/srv/articles"));

        assertThatThrownBy(() -> loader.load(Optional.empty(), false))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("CITEBOT_CORPUS_DIRR")
                .hasMessageContaining("did you mean CITEBOT_CORPUS_DIR (corpus.dir)?");
    }

    @Test
    void load_misspelledSectionInVariable_suggestsTheKey() {
        ConfigLoader loader = new ConfigLoader(Map.of("CITEBOT_RATELIMIT_SEARCHES", "20"));

        assertThatThrownBy(() -> loader.load(Optional.empty(), false))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("did you mean CITEBOT_RATE_LIMIT_SEARCHES (rateLimit.searches)?");
    }

    @Test
    void load_unknownVariableUnderASection_failsListingTheKnownVariables() {
        ConfigLoader loader = new ConfigLoader(Map.of("CITEBOT_DIGEST_TIMEZONE", "Europe/Berlin"));

        assertThatThrownBy(() -> loader.load(Optional.empty(), false))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("CITEBOT_DIGEST_TIMEZONE names no configuration key")
                .hasMessageContaining("Known variables: CITEBOT_CORPUS_DIR,");
    }

    @Test
    void load_variablesThatAreNotConfigKeys_areLeftAlone() {
        ConfigLoader loader = new ConfigLoader(Map.of(
                "DISCORD_TOKEN", "abc.def.ghi",
                "CITEBOT_HOME", "/opt/citebot",
                "CITEBOT_VERSION", "0.1.0",
                "PATH", "/usr/bin",
                "CITEBOT_SEARCH_RESULTS", "5"));

        assertThat(loader.load(Optional.empty(), false).search().results()).isEqualTo(5);
    }

    @Test
    void load_tokenInACitebotVariable_refusedWithoutEchoingIt() {
        ConfigLoader loader = new ConfigLoader(Map.of("CITEBOT_DISCORD_TOKEN", "MTIz.secret.value"));

        assertThatThrownBy(() -> loader.load(Optional.empty(), false))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("CITEBOT_DISCORD_TOKEN")
                .hasMessageContaining("only from DISCORD_TOKEN")
                .message()
                .doesNotContain("secret");
    }

    @Test
    void state_byDefault_isTheSqliteFileOfStateDb() {
        CitebotConfig.State state = new ConfigLoader(Map.of("CITEBOT_STATE_DB", "/var/lib/citebot/state.db"))
                .load(Optional.empty(), false)
                .state();

        assertThat(state.url()).isEqualTo("jdbc:sqlite:/var/lib/citebot/state.db");
        assertThat(state.db()).isEqualTo(Path.of("/var/lib/citebot/state.db"));
        assertThat(state.user()).isEmpty();
    }

    @Test
    void state_postgresqlUrlAndUser_passwordFromPgpasswordOnly_neverPrinted() throws IOException {
        Path file = write("state:\n  url: jdbc:postgresql://db.internal:5433/citebot?sslmode=require\n  user: bot\n");
        CitebotConfig config = new ConfigLoader(Map.of("PGPASSWORD", "s3cret-value")).load(Optional.of(file), true);

        assertThat(config.state().url()).isEqualTo("jdbc:postgresql://db.internal:5433/citebot?sslmode=require");
        assertThat(config.state().user()).contains("bot");
        assertThat(config.state().password()).contains("s3cret-value");
        assertThat(config.toString()).doesNotContain("s3cret-value").contains("password=(set)");
    }

    @Test
    void state_sqliteUrl_namesTheFile() {
        CitebotConfig.State state = new ConfigLoader(Map.of("CITEBOT_STATE_URL", "jdbc:sqlite:elsewhere/x.db"))
                .load(Optional.empty(), false)
                .state();

        assertThat(state.db()).isEqualTo(Path.of("elsewhere/x.db"));
    }

    @ParameterizedTest
    @MethodSource("credentialsInTheUrl")
    void state_urlWithCredentials_refusedWithoutEchoingThem(String url) {
        ConfigLoader loader = new ConfigLoader(Map.of("CITEBOT_STATE_URL", url));

        assertThatThrownBy(() -> loader.load(Optional.empty(), false))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("state.url")
                .hasMessageContaining("PGPASSWORD")
                .hasMessageNotContaining("hunter2");
    }

    static Stream<String> credentialsInTheUrl() {
        return Stream.of(
                "jdbc:postgresql://db:5432/citebot?user=bot&password=hunter2",
                "jdbc:postgresql://db:5432/citebot?PASSWORD=hunter2",
                "jdbc:postgresql://bot:hunter2@db:5432/citebot");
    }

    @ParameterizedTest
    @MethodSource("unusableUrls")
    void state_unusableUrl_refusedNamingTheKey(String url, String reason) {
        ConfigLoader loader = new ConfigLoader(Map.of("CITEBOT_STATE_URL", url));

        assertThatThrownBy(() -> loader.load(Optional.empty(), false))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("state.url")
                .hasMessageContaining(reason);
    }

    static Stream<Arguments> unusableUrls() {
        return Stream.of(
                Arguments.of("postgres://db/citebot", "expected jdbc:sqlite:PATH or jdbc:postgresql://"),
                Arguments.of("jdbc:mysql://db/citebot", "got a URL starting 'jdbc:mysql:'"),
                Arguments.of("jdbc:postgresql://db:5432", "with a host and a database name"),
                Arguments.of("jdbc:postgresql:///citebot", "with a host and a database name"),
                Arguments.of("jdbc:sqlite::memory:", "loses the state"),
                Arguments.of("jdbc:sqlite:", "expected a path"));
    }

    @Test
    void state_passwordInTheFile_refusedWithoutEchoingIt() throws IOException {
        Path file = write("state:\n  password: hunter2\n");

        assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(Optional.of(file), true))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("state.password")
                .hasMessageContaining("PGPASSWORD")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void load_fileWithOnlyComments_usesDefaults() throws IOException {
        Path file = write("# every key at its default\n\n# corpus:\n#   dir: elsewhere\n");

        assertThat(new ConfigLoader(Map.of()).load(Optional.of(file), true))
                .isEqualTo(new ConfigLoader(Map.of()).load(Optional.empty(), false));
    }

    @Test
    void load_brokenYaml_saysWhereAndDoesNotStart() throws IOException {
        Path file = write("index:\n  dir: [unclosed\n");

        assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(Optional.of(file), true))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("not valid YAML")
                .hasMessageContaining(file.toString());
    }

    @Test
    void load_missingRequiredFile_fails_missingDefaultFile_usesDefaults() {
        Path missing = dir.resolve("nope.yaml");
        ConfigLoader loader = new ConfigLoader(Map.of());

        assertThatThrownBy(() -> loader.load(Optional.of(missing), true)).hasMessageContaining("not found");
        assertThat(loader.load(Optional.of(missing), false).search().results()).isEqualTo(3);
    }

    @Test
    void load_sizesAndDurations_parseUnits() throws IOException {
        Path file = write("corpus:\n  maxFileSize: 512KiB\nrateLimit:\n  window: 2m\n  searches: 20\n");

        CitebotConfig config = new ConfigLoader(Map.of()).load(Optional.of(file), true);

        assertThat(config.corpus().maxFileBytes()).isEqualTo(512 * 1024);
        assertThat(config.rateLimit().window()).isEqualTo(Duration.ofMinutes(2));
        assertThat(config.rateLimit().searches()).isEqualTo(20);
        assertThat(config.discord().guilds()).isEqualTo(List.of());
    }

    @Test
    void digest_defaultsWhenAbsent() {
        CitebotConfig config = new ConfigLoader(Map.of()).load(Optional.empty(), false);

        assertThat(config.digest()).isEqualTo(new CitebotConfig.Digest(Duration.ofHours(6), false, 3, true, Map.of()));
        assertThat(config.moderators().logChannel()).isEmpty();
    }

    @Test
    void digest_perGuildDefaultsAndModeratorChannel_parsed() throws IOException {
        Path file = write("""
                moderators:
                  logChannel: "323456789012345678"
                digest:
                  grace: 2h
                  postEmptyDays: true
                  defaults:
                    "123456789012345678": {channel: "223456789012345678", time: "08:30", timezone: Europe/Berlin}
                    "133456789012345678":
                      channel: 233456789012345678
                      time: "21:00"
                      timezone: America/New_York
                      sections: [new, passage]
                """);

        CitebotConfig config = new ConfigLoader(Map.of()).load(Optional.of(file), true);

        assertThat(config.moderators().logChannel()).contains("323456789012345678");
        assertThat(config.digest().grace()).isEqualTo(Duration.ofHours(2));
        assertThat(config.digest().postEmptyDays()).isTrue();
        assertThat(config.digest().defaults())
                .containsOnly(
                        Map.entry(
                                "123456789012345678",
                                new CitebotConfig.DigestDefault(
                                        "223456789012345678",
                                        LocalTime.of(8, 30),
                                        ZoneId.of("Europe/Berlin"),
                                        List.of())),
                        Map.entry(
                                "133456789012345678",
                                new CitebotConfig.DigestDefault(
                                        "233456789012345678",
                                        LocalTime.of(21, 0),
                                        ZoneId.of("America/New_York"),
                                        List.of("new", "passage"))));
    }

    @Test
    void digest_defaultsFromTheEnvironment_asYamlFlowText() {
        ConfigLoader loader = new ConfigLoader(Map.of(
                "CITEBOT_DIGEST_DEFAULTS",
                "{\"123456789012345678\": {channel: \"223456789012345678\", time: \"07:00\", timezone: UTC}}"));

        assertThat(loader.load(Optional.empty(), false)
                        .digest()
                        .defaults()
                        .get("123456789012345678")
                        .time())
                .isEqualTo(LocalTime.of(7, 0));
    }

    static Stream<Arguments> invalidDigestDefaults() {
        return Stream.of(
                Arguments.of(
                        "{\"123456789012345678\": {channel: \"223456789012345678\", time: \"25:00\", timezone: UTC}}",
                        "123456789012345678.time"),
                Arguments.of(
                        "{\"123456789012345678\": {channel: \"223456789012345678\", time: \"08:00\", timezone: Mars/Olympus}}",
                        "123456789012345678.timezone"),
                Arguments.of(
                        "{\"123456789012345678\": {time: \"08:00\", timezone: UTC}}",
                        "123456789012345678.channel is missing"),
                Arguments.of(
                        "{\"general\": {channel: \"223456789012345678\", time: \"08:00\", timezone: UTC}}",
                        "'general' is not a guild id"),
                Arguments.of(
                        "{\"123456789012345678\": {channel: \"223456789012345678\", time: \"08:00\", timezone: UTC, "
                                + "when: daily}}",
                        "123456789012345678.when: unknown"));
    }

    @ParameterizedTest
    @MethodSource("invalidDigestDefaults")
    void digest_invalidDefaults_messageNamesTheKeyAndTheGuildField(String value, String expected) {
        ConfigLoader loader = new ConfigLoader(Map.of("CITEBOT_DIGEST_DEFAULTS", value));

        assertThatThrownBy(() -> loader.load(Optional.empty(), false))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("digest.defaults")
                .hasMessageContaining(expected);
    }

    private Path write(String yaml) throws IOException {
        Path file = dir.resolve("citebot.yaml");
        Files.writeString(file, yaml);
        return file;
    }
}
