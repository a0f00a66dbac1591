package org.citebot.console;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.citebot.command.ActionHandler;
import org.citebot.command.ActionOutcome;
import org.citebot.command.CommandRegistry;
import org.citebot.command.ErrorBoundary;
import org.citebot.command.Invoker;
import org.citebot.command.UserFacingException;
import org.citebot.reply.Reply;
import org.citebot.reply.ReplyAction;

/**
 * The local console: reads slash commands from standard input, runs them through the same command
 * registry as Discord, and prints the replies as text. Used when no {@code DISCORD_TOKEN} is set,
 * so anyone can try citebot at once.
 */
public final class Console {

    private final CommandRegistry registry;
    private final ErrorBoundary errors;
    private final TextRenderer renderer;
    private final SlashLineParser parser;
    private final Invoker invoker = Invoker.console();
    private List<ReplyAction.Button> buttons = List.of();

    public Console(CommandRegistry registry, ErrorBoundary errors, TextRenderer renderer) {
        this.registry = registry;
        this.errors = errors;
        this.renderer = renderer;
        this.parser = new SlashLineParser(registry);
    }

    /** Reads commands until end of input or {@code quit}. */
    public void run(BufferedReader in, PrintStream out, boolean prompt) throws IOException {
        out.println("citebot console: no DISCORD_TOKEN is set, so commands run here. "
                + "Type /help for the commands, /search <question> to search, quit to leave.");
        while (true) {
            if (prompt) {
                out.print("> ");
                out.flush();
            }
            String line = in.readLine();
            if (line == null) {
                break;
            }
            String trimmed = line.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            if (trimmed.equalsIgnoreCase("quit") || trimmed.equalsIgnoreCase("exit")) {
                break;
            }
            out.print(execute(trimmed, interim -> {
                out.print(interim);
                out.flush();
            }));
            out.flush();
        }
    }

    /** Runs one line and returns what to print. */
    String execute(String line) {
        return execute(line, interim -> {});
    }

    /** Runs one line, printing progress of long commands (a reindex) as it comes; returns the answer. */
    String execute(String line, java.util.function.Consumer<String> interimOut) {
        Optional<ReplyAction.Button> button = pressed(line);
        if (button.isPresent()) {
            return press(button.get());
        }
        Reply reply = errors.guard("console command", () -> {
            SlashLineParser.ParsedLine parsed = parser.parse(line, invoker);
            return parsed.command()
                    .handle(
                            parsed.request(),
                            interim -> interimOut.accept(renderer.render(interim.withActions(java.util.List.of()))));
        });
        remember(reply);
        return renderer.render(reply);
    }

    private Optional<ReplyAction.Button> pressed(String line) {
        if (line.startsWith("/")) {
            return Optional.empty();
        }
        String word = line.toLowerCase(Locale.ROOT);
        for (ReplyAction.Button button : buttons) {
            String keyword = TextRenderer.keyword(button);
            if (button.enabled() && (keyword.equals(word) || word.length() >= 3 && keyword.startsWith(word))) {
                return Optional.of(button);
            }
        }
        return Optional.empty();
    }

    private String press(ReplyAction.Button button) {
        Optional<ActionHandler> handler = registry.actionHandler(button.actionId());
        if (handler.isEmpty()) {
            return renderer.render(Reply.notice("That button does nothing here."));
        }
        ActionOutcome outcome;
        try {
            outcome = handler.get().handle(button.actionId(), invoker);
        } catch (UserFacingException e) {
            return renderer.render(Reply.notice(e.getMessage()));
        } catch (RuntimeException e) {
            return renderer.render(Reply.notice(errors.apology("console button", e)));
        }
        if (outcome instanceof ActionOutcome.Update update) {
            remember(update.reply());
            return renderer.render(update.reply());
        }
        if (outcome instanceof ActionOutcome.Share share) {
            remember(share.publicReply());
            return "(posted in the channel for everyone)\n" + renderer.render(share.publicReply())
                    + renderer.render(share.confirmation());
        }
        // A notice may be a whole answer (a private copy of a shared page), whose buttons work next.
        Reply notice = ((ActionOutcome.Notice) outcome).reply();
        remember(notice);
        return renderer.render(notice);
    }

    private void remember(Reply reply) {
        List<ReplyAction.Button> found = new ArrayList<>();
        for (ReplyAction action : reply.actions()) {
            if (action instanceof ReplyAction.Button b) {
                found.add(b);
            }
        }
        if (!found.isEmpty() || !reply.cards().isEmpty()) {
            buttons = List.copyOf(found);
        }
    }
}
