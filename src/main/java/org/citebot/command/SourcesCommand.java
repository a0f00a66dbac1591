package org.citebot.command;

import java.util.List;
import java.util.function.Supplier;
import org.citebot.index.DocumentSummary;
import org.citebot.reply.Reply;

/**
 * {@code /sources [filter]}: the documents in the corpus (title, publisher, date, passage count),
 * filtered case-insensitively by title, publisher, author or id, ten per page. Always private.
 */
public final class SourcesCommand implements Command {

    private static final CommandSpec SPEC = CommandSpec.slash(
            "sources",
            "List the documents in the corpus",
            List.of(OptionSpec.string("filter", "Only documents whose title, publisher or author contains this", false)
                    .withLength(1, SourcesPages.MAX_FILTER_LENGTH)),
            "/sources filter:guardian");

    private final Supplier<List<DocumentSummary>> documents;
    private final MemberLimits limits;

    /** Unlimited: for front ends and tests without members. */
    public SourcesCommand(Supplier<List<DocumentSummary>> documents) {
        this(documents, MemberLimits.UNLIMITED);
    }

    /**
     * @param documents every document of the current index, read on each request
     * @param limits each member's budget of lookups
     */
    public SourcesCommand(Supplier<List<DocumentSummary>> documents, MemberLimits limits) {
        this.documents = documents;
        this.limits = limits;
    }

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public Reply handle(CommandRequest request) {
        return limits.refusal(MemberLimits.Action.LOOKUP, request.invoker())
                .orElseGet(() -> SourcesPages.page(
                        documents.get(), request.string("filter").orElse(""), 0));
    }
}
