package org.citebot.corpus;

/** A corpus file that could not be read, with a one-line reason for the index report. */
public record SkippedFile(String path, String reason) {}
