package org.citebot.command;

import org.citebot.reply.Reply;

/** What pressing a button does: change the message it is on, post publicly, or answer privately. */
public sealed interface ActionOutcome {

    /** Replace the message the button is on (paging). */
    record Update(Reply reply) implements ActionOutcome {}

    /** Post {@code publicReply} in the channel and tell the presser {@code confirmation} privately. */
    record Share(Reply publicReply, Reply confirmation) implements ActionOutcome {}

    /** Leave the message alone and tell the presser something privately. */
    record Notice(Reply reply) implements ActionOutcome {}
}
