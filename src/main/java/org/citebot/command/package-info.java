/**
 * citebot's commands, independent of any chat platform: each command declares a {@link
 * org.citebot.command.CommandSpec} and turns a {@link org.citebot.command.CommandRequest} into a
 * {@link org.citebot.reply.Reply}. The Discord adapter and the console both drive these.
 */
@NullMarked
package org.citebot.command;

import org.jspecify.annotations.NullMarked;
