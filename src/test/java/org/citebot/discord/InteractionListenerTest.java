package org.citebot.discord;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;
import net.dv8tion.jda.api.utils.data.DataObject;
import org.junit.jupiter.api.Test;

class InteractionListenerTest {

    @Test
    void options_typedAsCommandsExpectThem() {
        List<OptionMapping> options = List.of(
                option("{\"name\":\"query\",\"type\":3,\"value\":\"nuclear escalation\"}"),
                option("{\"name\":\"results\",\"type\":4,\"value\":7}"),
                option("{\"name\":\"private\",\"type\":5,\"value\":true}"),
                option("{\"name\":\"where\",\"type\":7,\"value\":\"123456789012345678\"}"));

        Map<String, Object> values = InteractionListener.options(options);

        assertThat(values)
                .containsExactly(
                        Map.entry("query", "nuclear escalation"),
                        Map.entry("results", 7L),
                        Map.entry("private", true),
                        Map.entry("where", "123456789012345678"));
    }

    private static OptionMapping option(String json) {
        // Plain values need neither resolved entities nor a JDA instance.
        return new OptionMapping(DataObject.fromJson(json), null, null, null);
    }
}
