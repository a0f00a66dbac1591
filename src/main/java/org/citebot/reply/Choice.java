package org.citebot.reply;

/** One autocomplete suggestion: what the user sees and what is filled in. */
public record Choice(String name, String value) {}
