package org.citebot.discord;

import java.util.List;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.interactions.InteractionContextType;
import net.dv8tion.jda.api.interactions.commands.DefaultMemberPermissions;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.CommandData;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandData;
import org.citebot.command.CommandSpec;
import org.citebot.command.OptionSpec;
import org.citebot.command.SubcommandSpec;

/**
 * Turns citebot's platform-neutral {@link CommandSpec}s into the command definitions JDA registers:
 * slash commands with typed options, message menu entries, and Manage Server as the default
 * permission (guild only) for moderator commands. JDA rejects names and descriptions that break
 * Discord's rules here, at start-up, rather than Discord at registration.
 */
public final class CommandDataFactory {

    public List<CommandData> build(List<CommandSpec> specs) {
        return specs.stream().map(this::build).toList();
    }

    public CommandData build(CommandSpec spec) {
        CommandData data =
                switch (spec.kind()) {
                    case SLASH -> slash(spec);
                    case MESSAGE_CONTEXT -> Commands.message(spec.name());
                };
        if (spec.moderatorOnly()) {
            data.setDefaultPermissions(DefaultMemberPermissions.enabledFor(Permission.MANAGE_SERVER))
                    .setContexts(InteractionContextType.GUILD);
        }
        return data;
    }

    private static SlashCommandData slash(CommandSpec spec) {
        SlashCommandData data = Commands.slash(spec.name(), spec.description());
        for (OptionSpec option : spec.options()) {
            data.addOptions(option(option));
        }
        for (SubcommandSpec subcommand : spec.subcommands()) {
            SubcommandData sub = new SubcommandData(subcommand.name(), subcommand.description());
            for (OptionSpec option : subcommand.options()) {
                sub.addOptions(option(option));
            }
            data.addSubcommands(sub);
        }
        return data;
    }

    private static OptionData option(OptionSpec spec) {
        OptionType type =
                switch (spec.type()) {
                    case STRING -> OptionType.STRING;
                    case INTEGER -> OptionType.INTEGER;
                    case BOOLEAN -> OptionType.BOOLEAN;
                    case CHANNEL -> OptionType.CHANNEL;
                };
        OptionData option = new OptionData(type, spec.name(), spec.description(), spec.required(), spec.autocomplete());
        if (type == OptionType.INTEGER) {
            spec.min().ifPresent(option::setMinValue);
            spec.max().ifPresent(option::setMaxValue);
        } else if (type == OptionType.STRING) {
            spec.min().ifPresent(min -> option.setMinLength(Math.toIntExact(min)));
            spec.max().ifPresent(max -> option.setMaxLength(Math.toIntExact(max)));
        }
        return option;
    }
}
