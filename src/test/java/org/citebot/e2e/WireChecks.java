package org.citebot.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.citebot.discord.fake.FakeDiscord;
import org.citebot.discord.fake.InteractionHandle;
import org.citebot.discord.fake.RecordedRequest;
import org.citebot.testing.ChildJvm;

/** Checks over everything citebot sent to the fake Discord, shared by the end-to-end tests. */
final class WireChecks {

    private WireChecks() {}

    /** Whether the request carries a message Discord would show: a post, an edit, a reply or an update. */
    static boolean carriesMessage(RecordedRequest request) {
        String path = request.path();
        if (request.matches("POST", "interactions/\\d+/[^/]+/callback")) {
            int type = request.body().path("type").asInt();
            return type == 4 || type == 7;
        }
        return request.matches("POST", "webhooks/\\d+/[^/]+")
                || request.matches("PATCH", "webhooks/\\d+/[^/]+/messages/[^/]+")
                || (path.matches("channels/\\d+/messages(/\\d+)?")
                        && (request.method().equals("POST") || request.method().equals("PATCH")));
    }

    /** The message part of a request: the callback's {@code data}, else the body. */
    static JsonNode messageOf(RecordedRequest request) {
        return request.path().startsWith("interactions/") ? request.body().path("data") : request.body();
    }

    /**
     * Every message citebot sent so far allows no mention at all: {@code allowed_mentions} present,
     * {@code parse} empty, no users or roles, no reply ping.
     */
    static void assertNothingCouldPing(FakeDiscord discord) {
        List<RecordedRequest> messages =
                discord.requests().stream().filter(WireChecks::carriesMessage).toList();
        assertThat(messages).as("messages citebot sent").isNotEmpty();
        for (RecordedRequest request : messages) {
            JsonNode allowed = messageOf(request).path("allowed_mentions");
            assertThat(allowed.isObject()).as("allowed_mentions on %s", request).isTrue();
            assertThat(allowed.path("parse").isArray())
                    .as("allowed_mentions.parse on %s", request)
                    .isTrue();
            assertThat(allowed.path("parse"))
                    .as("allowed_mentions.parse on %s", request)
                    .isEmpty();
            assertThat(allowed.path("users"))
                    .as("allowed_mentions.users on %s", request)
                    .isEmpty();
            assertThat(allowed.path("roles"))
                    .as("allowed_mentions.roles on %s", request)
                    .isEmpty();
            assertThat(allowed.path("replied_user").asBoolean(false))
                    .as("replied_user on %s", request)
                    .isFalse();
        }
    }

    /**
     * Discord (the fake, which enforces its limits) refused nothing citebot sent, apart from the
     * answers a test provoked on purpose.
     */
    static void assertNothingRefused(FakeDiscord discord, Predicate<RecordedRequest> provoked) {
        assertThat(discord.requests())
                .filteredOn(request -> request.status() >= 400 && !provoked.test(request))
                .as("requests Discord refused")
                .isEmpty();
    }

    /** The token of the bot appears in no request body citebot sent (no message, no error text). */
    static void assertTokenInNoBody(FakeDiscord discord) {
        assertThat(discord.requests())
                .allSatisfy(request -> assertThat(request.body().toString()).doesNotContain(discord.token()));
    }

    /** How long after {@code dispatchedAt} the fake received the interaction's first callback. */
    static Duration timeToCallback(FakeDiscord discord, InteractionHandle interaction, Instant dispatchedAt) {
        interaction.awaitCallback();
        // The fake records a request once it has answered it, a moment after the handle sees it.
        RecordedRequest callback = Awaitility.await("recorded callback of " + interaction.id())
                .atMost(Duration.ofSeconds(5))
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(10))
                .until(
                        () -> discord.requests("POST", "interactions/" + interaction.id() + "/[^/]+/callback").stream()
                                .filter(r -> r.status() < 300)
                                .findFirst(),
                        Optional::isPresent)
                .orElseThrow();
        return Duration.between(dispatchedAt, callback.receivedAt());
    }

    /** Whether a message is private to the person who asked (the EPHEMERAL flag). */
    static boolean isPrivate(JsonNode message) {
        return (message.path("flags").asInt(0) & 64) != 0;
    }

    /** The custom id of the first button under {@code message} whose id starts with {@code prefix}. */
    static String buttonId(JsonNode message, String prefix) {
        List<String> ids = new ArrayList<>();
        for (JsonNode row : message.path("components")) {
            for (JsonNode button : row.path("components")) {
                ids.add(button.path("custom_id").asText());
            }
        }
        return ids.stream()
                .filter(id -> id.startsWith(prefix))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + prefix + " button in " + ids));
    }

    /** Polls the child's {@code /readyz} until the index is open and the gateway connected. */
    static void awaitReady(ChildJvm citebot, int opsPort) {
        HttpClient http = HttpClient.newHttpClient();
        URI readyz = URI.create("http://127.0.0.1:" + opsPort + "/readyz");
        Awaitility.await("citebot ready on " + readyz)
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .ignoreExceptionsInstanceOf(IOException.class)
                .until(() -> {
                    assertThat(citebot.output())
                            .as("child still running")
                            .noneMatch(line -> line.startsWith("citebot: "));
                    return http.send(HttpRequest.newBuilder(readyz).build(), HttpResponse.BodyHandlers.discarding())
                                    .statusCode()
                            == 200;
                });
    }
}
