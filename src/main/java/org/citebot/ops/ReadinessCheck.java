package org.citebot.ops;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * One condition citebot needs before it can answer, such as "the index is open" or "the gateway is
 * connected". {@code problem} returns empty when the condition holds, else a short reason.
 */
public record ReadinessCheck(String name, Supplier<Optional<String>> problem) {}
