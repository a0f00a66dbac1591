package org.citebot.app;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How log lines are written to standard error: readable text (the default, see {@code
 * logback.xml}) or one JSON object per line for log collectors, chosen by {@code logging.format}.
 * Both carry the interaction and guild ids of the request being served.
 */
public enum LogFormat {
    TEXT,
    JSON;

    /** Parses {@code text} or {@code json}, case-insensitively. */
    public static LogFormat parse(String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "text" -> TEXT;
            case "json" -> JSON;
            default -> throw new IllegalArgumentException("expected text or json, got '" + value + "'");
        };
    }

    /**
     * Switches the root logger to this format. Text is what {@code logback.xml} sets up, so it
     * changes nothing; JSON replaces the console appender with one writing JSON lines.
     */
    public void apply() {
        if (this == TEXT || !(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        if (root.getAppender("JSON") != null) {
            return;
        }
        JsonEncoder encoder = new JsonEncoder();
        encoder.setContext(context);
        encoder.start();
        ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
        appender.setContext(context);
        appender.setName("JSON");
        appender.setTarget("System.err");
        appender.setEncoder(encoder);
        appender.start();
        root.detachAndStopAllAppenders();
        root.addAppender(appender);
    }
}
