package org.citebot.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Every log line written while attached, with citebot and JDA turned up to DEBUG so that a secret
 * logged at any level an operator might enable is caught; restores the levels on {@link #close()}.
 */
public final class LogCapture implements AutoCloseable {

    private static final List<String> VERBOSE = List.of("org.citebot", "net.dv8tion");

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Map<Logger, Level> previous = new LinkedHashMap<>();

    private LogCapture() {}

    public static LogCapture attach() {
        LogCapture capture = new LogCapture();
        for (String name : VERBOSE) {
            Logger logger = (Logger) LoggerFactory.getLogger(name);
            capture.previous.put(logger, logger.getLevel());
            logger.setLevel(Level.DEBUG);
        }
        capture.appender.start();
        root().addAppender(capture.appender);
        return capture;
    }

    /** Each captured event as one text: its message, then every exception message in its causal chain. */
    public List<String> lines() {
        return lines(Level.TRACE);
    }

    /** As {@link #lines()}, only the events logged at {@code atLeast} or above. */
    public List<String> lines(Level atLeast) {
        List<String> lines = new ArrayList<>();
        for (ILoggingEvent event : List.copyOf(appender.list)) {
            if (!event.getLevel().isGreaterOrEqual(atLeast)) {
                continue;
            }
            StringBuilder line = new StringBuilder(event.getFormattedMessage());
            for (IThrowableProxy thrown = event.getThrowableProxy(); thrown != null; thrown = thrown.getCause()) {
                line.append(" | ").append(thrown.getClassName()).append(": ").append(thrown.getMessage());
            }
            lines.add(line.toString());
        }
        return lines;
    }

    @Override
    public void close() {
        root().detachAppender(appender);
        appender.stop();
        previous.forEach(Logger::setLevel);
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }
}
