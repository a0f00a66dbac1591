package org.citebot.bench;

/** One of issue 7's targets, what was measured against it and whether it was met. */
public record TargetCheck(String target, String measured, boolean met) {}
