package org.citebot.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.citebot.reply.Reply;
import org.citebot.reply.ReplyCard;
import org.citebot.reply.StyledText;

/** {@code /help}: what each command does, with an example. */
public final class HelpCommand implements Command {

    private static final CommandSpec SPEC =
            CommandSpec.slash("help", "What citebot's commands do, with examples", List.of(), "/help");

    private final Supplier<List<CommandSpec>> specs;

    /** @param specs the registered commands, read when help is asked for */
    public HelpCommand(Supplier<List<CommandSpec>> specs) {
        this.specs = specs;
    }

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public Reply handle(CommandRequest request) {
        List<ReplyCard> cards = new ArrayList<>();
        for (CommandSpec spec : specs.get()) {
            if (spec.moderatorOnly() && !request.invoker().manageServer()) {
                continue;
            }
            StringBuilder body = new StringBuilder(spec.description()).append('.');
            for (OptionSpec option : spec.options()) {
                body.append("\n• ")
                        .append(option.name())
                        .append(option.required() ? "" : " (optional)")
                        .append(": ")
                        .append(option.description());
            }
            for (SubcommandSpec sub : spec.subcommands()) {
                if (sub.moderatorOnly() && !request.invoker().manageServer()) {
                    continue;
                }
                body.append("\n• ")
                        .append(sub.name())
                        .append(sub.moderatorOnly() ? " (moderators)" : "")
                        .append(": ")
                        .append(sub.description())
                        .append(". ")
                        .append(sub.example());
            }
            body.append("\nExample: ").append(spec.example());
            String title =
                    spec.kind() == CommandSpec.Kind.SLASH ? "/" + spec.name() : spec.name() + " (message menu → Apps)";
            cards.add(new ReplyCard(title, Optional.empty(), StyledText.plain(body.toString()), List.of(), List.of()));
        }
        StyledText intro =
                StyledText.plain("citebot finds the passages in this group's articles that answer your question, "
                        + "with a link to the exact place in the source.");
        return new Reply(Optional.of(intro), cards, List.of(), true);
    }
}
