package org.citebot.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.ConsoleAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class LogFormatTest {

    private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();

    @AfterEach
    void restoreTheTestConfiguration() throws Exception {
        context.reset();
        new ContextInitializer(context).autoConfig();
    }

    @Test
    @SuppressWarnings("unchecked")
    void json_writesOneJsonObjectPerLineWithTheRequestIds() throws Exception {
        LogFormat.JSON.apply();

        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        ConsoleAppender<ch.qos.logback.classic.spi.ILoggingEvent> appender =
                (ConsoleAppender<ch.qos.logback.classic.spi.ILoggingEvent>) root.getAppender("JSON");
        assertThat(appender).isNotNull();
        LoggingEvent event = new LoggingEvent(
                "test", context.getLogger("org.citebot.test"), Level.INFO, "searched {} passages", null, new Object[] {3
                });
        event.setMDCPropertyMap(Map.of("interaction", "1234", "guild", "5678"));

        String line = new String(appender.getEncoder().encode(event), StandardCharsets.UTF_8);

        assertThat(line).endsWith("\n").doesNotContain("\n{");
        JsonNode json = new ObjectMapper().readTree(line);
        assertThat(json.path("level").asText()).isEqualTo("INFO");
        assertThat(json.toString()).contains("1234").contains("5678").contains("searched");
    }

    @Test
    void text_keepsTheConfiguredAppender() {
        LogFormat.TEXT.apply();

        assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("JSON"))
                .isNull();
    }

    @Test
    void parse_unknownFormat_refused() {
        assertThat(LogFormat.parse(" JSON ")).isEqualTo(LogFormat.JSON);
        assertThatThrownBy(() -> LogFormat.parse("xml")).hasMessageContaining("text or json");
    }
}
