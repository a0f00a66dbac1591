package org.citebot.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import net.dv8tion.jda.api.interactions.commands.build.CommandData;
import net.dv8tion.jda.api.utils.data.DataArray;
import net.dv8tion.jda.api.utils.data.DataObject;
import org.citebot.command.Command;
import org.citebot.command.CommandSpec;
import org.citebot.command.FindSourcesCommand;
import org.citebot.command.HelpCommand;
import org.citebot.command.MemberLimits;
import org.citebot.command.OptionSpec;
import org.citebot.command.SearchCommand;
import org.citebot.command.SearchSessions;
import org.citebot.command.SourcesCommand;
import org.citebot.command.StatusCommand;
import org.citebot.discord.CommandDefinitions.Scope;
import org.junit.jupiter.api.Test;

class CommandDataFactoryTest {

    private static final String NAME_RULE = "^[-_'\\p{L}\\p{N}\\p{sc=Deva}\\p{sc=Thai}]{1,32}$";

    private final CommandDataFactory factory = new CommandDataFactory();

    @Test
    void citebotsCommands_validByDiscordsRules() {
        List<JsonNode> json =
                factory.build(specs()).stream().map(DiscordJson::json).toList();

        assertThat(json).hasSize(5);
        for (JsonNode command : json) {
            if (command.get("type").asInt() == 1) {
                assertThat(command.get("name").asText()).matches(NAME_RULE).isLowerCase();
                assertThat(command.get("description").asText()).hasSizeBetween(1, 100);
            } else {
                assertThat(command.get("name").asText()).hasSizeBetween(1, 32);
            }
            assertThat(command.path("options").size()).isLessThanOrEqualTo(25);
            for (JsonNode option : command.path("options")) {
                assertThat(option.get("name").asText()).matches(NAME_RULE).isLowerCase();
                assertThat(option.get("description").asText()).hasSizeBetween(1, 100);
            }
            assertThat(command.toString().length()).isLessThan(8000);
        }
    }

    @Test
    void search_optionsTypedWithRangesLengthsAndAutocomplete() {
        JsonNode search = DiscordJson.json(factory.build(specs().get(0)));

        assertThat(search.get("type").asInt()).isEqualTo(1);
        JsonNode options = search.get("options");
        assertThat(options.get(0).get("name").asText()).isEqualTo("query");
        assertThat(options.get(0).get("type").asInt()).isEqualTo(3);
        assertThat(options.get(0).get("required").asBoolean()).isTrue();
        assertThat(options.get(0).get("autocomplete").asBoolean()).isTrue();
        assertThat(options.get(0).get("min_length").asInt()).isEqualTo(1);
        assertThat(options.get(0).get("max_length").asInt()).isEqualTo(1000);
        assertThat(options.get(2).get("type").asInt()).isEqualTo(4);
        assertThat(options.get(2).get("min_value").asLong()).isEqualTo(1);
        assertThat(options.get(2).get("max_value").asLong()).isEqualTo(10);
        assertThat(options.get(3).get("type").asInt()).isEqualTo(5);
        assertThat(search.get("default_member_permissions").isNull()).isTrue();
    }

    @Test
    void findSources_isAMessageContextCommand() {
        JsonNode find = DiscordJson.json(factory.build(new FindSourcesCommand(search(), 3).spec()));

        assertThat(find.get("type").asInt()).isEqualTo(3);
        assertThat(find.get("name").asText()).isEqualTo("Find sources");
        assertThat(find.has("description")).isFalse();
    }

    @Test
    void moderatorCommand_manageServerByDefaultAndGuildOnly() {
        CommandSpec reindex =
                new CommandSpec("reindex", "Rebuild the index", CommandSpec.Kind.SLASH, List.of(), "/reindex", true);

        JsonNode json = DiscordJson.json(factory.build(reindex));

        assertThat(json.get("default_member_permissions").asText()).isEqualTo("32");
        assertThat(json.get("contexts")).extracting(JsonNode::asText).containsExactly("0");
    }

    @Test
    void invalidName_rejectedAtStartNotByDiscord() {
        CommandSpec bad = CommandSpec.slash("Search Now", "x", List.of(), "");

        assertThatThrownBy(() -> factory.build(bad)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void needsUpdate_sameDefinitionsAsDiscordEchoesThem_noUpdate() {
        List<CommandData> desired = factory.build(specs());
        List<CommandData> registered = serverEcho(desired, true);

        assertThat(CommandDefinitions.needsUpdate(desired, registered, Scope.GLOBAL))
                .isFalse();
        List<CommandData> reversed = new ArrayList<>(registered);
        Collections.reverse(reversed);
        assertThat(CommandDefinitions.needsUpdate(desired, reversed, Scope.GLOBAL))
                .isFalse();
    }

    @Test
    void needsUpdate_changedDescriptionOptionOrPermission_update() {
        List<CommandData> desired = factory.build(specs());
        List<CommandSpec> changed = new ArrayList<>(specs());
        changed.set(1, CommandSpec.slash("help", "Something else", List.of(), "/help"));
        List<CommandSpec> moreOptions = new ArrayList<>(specs());
        moreOptions.set(
                1,
                CommandSpec.slash(
                        "help",
                        "What citebot's commands do, with examples",
                        List.of(OptionSpec.bool("verbose", "More detail")),
                        "/help"));
        List<CommandSpec> moderator = new ArrayList<>(specs());
        moderator.set(
                1,
                new CommandSpec(
                        "help",
                        "What citebot's commands do, with examples",
                        CommandSpec.Kind.SLASH,
                        List.of(),
                        "/help",
                        true));

        assertThat(CommandDefinitions.needsUpdate(desired, serverEcho(factory.build(changed), true), Scope.GLOBAL))
                .isTrue();
        assertThat(CommandDefinitions.needsUpdate(desired, serverEcho(factory.build(moreOptions), true), Scope.GLOBAL))
                .isTrue();
        assertThat(CommandDefinitions.needsUpdate(desired, serverEcho(factory.build(moderator), true), Scope.GLOBAL))
                .isTrue();
        assertThat(CommandDefinitions.needsUpdate(desired, desired.subList(0, 4), Scope.GLOBAL))
                .isTrue();
        assertThat(CommandDefinitions.needsUpdate(desired, List.of(), Scope.GUILD))
                .isTrue();
    }

    @Test
    void needsUpdate_guildCommandsReturnedWithoutContexts_noUpdate() {
        List<CommandSpec> specs = new ArrayList<>(specs());
        specs.add(new CommandSpec("reindex", "Rebuild the index", CommandSpec.Kind.SLASH, List.of(), "/reindex", true));
        List<CommandData> desired = factory.build(specs);

        assertThat(CommandDefinitions.needsUpdate(desired, serverEcho(desired, false), Scope.GUILD))
                .isFalse();
        assertThat(CommandDefinitions.needsUpdate(desired, serverEcho(desired, false), Scope.GLOBAL))
                .isTrue();
    }

    @Test
    void fingerprint_stableAndShort() {
        String canonical = CommandDefinitions.canonical(factory.build(specs()), Scope.GLOBAL);

        assertThat(CommandDefinitions.fingerprint(canonical))
                .hasSize(12)
                .isEqualTo(CommandDefinitions.fingerprint(
                        CommandDefinitions.canonical(serverEcho(factory.build(specs()), true), Scope.GLOBAL)));
    }

    /**
     * What Discord answers for registered commands, read back the way the bot reads them: ids and
     * versions added, false and empty defaults left out, optionally contexts dropped (guild commands).
     */
    private static List<CommandData> serverEcho(List<CommandData> sent, boolean withContexts) {
        List<CommandData> echoed = new ArrayList<>();
        long id = 1_300_000_000_000_000_000L;
        for (CommandData command : sent) {
            DataObject data = DataObject.fromJson(command.toData().toJson());
            data.put("id", Long.toString(id++)).put("application_id", "42").put("version", "7");
            data.remove("nsfw");
            data.remove("name_localizations");
            data.remove("description_localizations");
            if (!withContexts) {
                data.remove("contexts");
                data.remove("integration_types");
            }
            DataArray options = data.optArray("options").orElse(DataArray.empty());
            for (int i = 0; i < options.length(); i++) {
                DataObject option = options.getObject(i);
                option.remove("name_localizations");
                option.remove("description_localizations");
                if (!option.getBoolean("required", false)) {
                    option.remove("required");
                }
            }
            echoed.add(CommandData.fromData(data));
        }
        return echoed;
    }

    private static List<CommandSpec> specs() {
        SearchCommand search = search();
        List<Command> commands = List.of(
                search,
                new HelpCommand(List::of),
                new SourcesCommand(List::of),
                new StatusCommand(Optional::empty, Clock.systemUTC(), Instant.EPOCH),
                new FindSourcesCommand(search, 3));
        return commands.stream().map(Command::spec).toList();
    }

    private static SearchCommand search() {
        return new SearchCommand(
                request -> {
                    throw new AssertionError();
                },
                new SearchSessions(Ticker.systemTicker(), new Random(1)),
                MemberLimits.uniform(5, Duration.ofSeconds(10), Clock.systemUTC(), Ticker.systemTicker()),
                5,
                guild -> false);
    }

    @Test
    void subcommands_registeredAsSubcommandOptionsCarryingTheirOwnOptions() {
        CommandSpec spec = new CommandSpec(
                "tree",
                "A command with subcommands",
                CommandSpec.Kind.SLASH,
                List.of(),
                "/tree plant kind:oak",
                false,
                List.of(
                        new org.citebot.command.SubcommandSpec(
                                "plant",
                                "Plant one",
                                List.of(OptionSpec.string("kind", "Which tree", true)
                                        .withAutocomplete()),
                                "/tree plant",
                                true),
                        new org.citebot.command.SubcommandSpec("fell", "Fell one", List.of(), "/tree fell", false)));

        JsonNode json = DiscordJson.json(factory.build(spec));

        assertThat(json.get("options")).hasSize(2);
        JsonNode plant = json.get("options").get(0);
        assertThat(plant.get("type").asInt()).isEqualTo(1); // SUB_COMMAND
        assertThat(plant.get("name").asText()).isEqualTo("plant");
        assertThat(plant.at("/options/0/name").asText()).isEqualTo("kind");
        assertThat(plant.at("/options/0/type").asInt()).isEqualTo(3);
        assertThat(plant.at("/options/0/autocomplete").asBoolean()).isTrue();
        assertThat(json.get("options").get(1).path("options")).isEmpty();
    }

    @Test
    void optionsAndSubcommandsTogether_rejected() {
        assertThatThrownBy(() -> new CommandSpec(
                        "tree",
                        "d",
                        CommandSpec.Kind.SLASH,
                        List.of(OptionSpec.bool("x", "y")),
                        "/tree",
                        false,
                        List.of(new org.citebot.command.SubcommandSpec("plant", "p", List.of(), "/tree plant", false))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
