package org.citebot.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.citebot.command.Command;
import org.citebot.command.CommandRegistry;
import org.citebot.command.CommandRequest;
import org.citebot.command.CommandSpec;
import org.citebot.command.Invoker;
import org.citebot.command.OptionSpec;
import org.citebot.command.SubcommandSpec;
import org.citebot.command.UserFacingException;
import org.citebot.reply.Reply;
import org.junit.jupiter.api.Test;

class SlashLineParserTest {

    private static final CommandSpec TREE = new CommandSpec(
            "tree",
            "A command with subcommands",
            CommandSpec.Kind.SLASH,
            List.of(),
            "/tree plant kind:oak",
            false,
            List.of(
                    new SubcommandSpec(
                            "plant",
                            "Plant one",
                            List.of(
                                    OptionSpec.string("kind", "Which tree", true),
                                    OptionSpec.integer("count", "How many", 1, 10)),
                            "/tree plant kind:oak",
                            true),
                    new SubcommandSpec("fell", "Fell one", List.of(), "/tree fell", false)));

    private final SlashLineParser parser = new SlashLineParser(new CommandRegistry(
            List.of(new Command() {
                @Override
                public CommandSpec spec() {
                    return TREE;
                }

                @Override
                public Reply handle(CommandRequest request) {
                    return Reply.notice("ok");
                }
            }),
            List.of()));

    @Test
    void subcommand_nameAndItsOptionsParsed() {
        CommandRequest request = parser.parse("/tree plant kind:red oak count:3", Invoker.console())
                .request();

        assertThat(request.command()).isEqualTo("tree");
        assertThat(request.subcommand()).contains("plant");
        assertThat(request.options()).isEqualTo(Map.of("kind", "red oak", "count", 3L));
    }

    @Test
    void subcommand_withoutOptions() {
        CommandRequest request = parser.parse("/tree fell", Invoker.console()).request();

        assertThat(request.subcommand()).contains("fell");
        assertThat(request.options()).isEmpty();
    }

    @Test
    void subcommand_missingOrUnknown_namesTheChoices() {
        assertThatThrownBy(() -> parser.parse("/tree", Invoker.console()))
                .isInstanceOf(UserFacingException.class)
                .hasMessageContaining("plant, fell");
        assertThatThrownBy(() -> parser.parse("/tree prune", Invoker.console()))
                .isInstanceOf(UserFacingException.class)
                .hasMessageContaining("no subcommand 'prune'");
        assertThatThrownBy(() -> parser.parse("/tree plant count:2", Invoker.console()))
                .isInstanceOf(UserFacingException.class)
                .hasMessageContaining("needs kind:");
    }

    @Test
    void plainCommandRequest_hasNoSubcommand() {
        assertThat(new CommandRequest("search", Map.of(), Invoker.console(), Optional.empty()).subcommand())
                .isEmpty();
    }
}
