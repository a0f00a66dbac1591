package org.citebot.discord.fake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** REST rules a well-behaved JDA never trips over, checked with a plain HTTP client. */
@Timeout(20)
class FakeRestTest {

    private final HttpClient http = HttpClient.newHttpClient();
    private FakeDiscord discord;

    @BeforeEach
    void start() {
        discord = FakeDiscord.start();
    }

    @AfterEach
    void stop() {
        discord.close();
    }

    @Test
    @DisplayName("routes other than interactions and webhooks need the bot token: 401 in Discord's shape")
    void missingToken_401() throws Exception {
        Answer answer =
                call("POST", "channels/" + discord.channel().id() + "/messages", "{\"content\":\"hi\"}", "Bot wrong");

        assertThat(answer.status).isEqualTo(401);
        assertThat(answer.json.path("message").asText()).isEqualTo("401: Unauthorized");
        assertThat(answer.json.path("code").asInt()).isZero();
        assertThat(discord.channelMessages()).isEmpty();
    }

    @Test
    @DisplayName("an empty message is refused with 50006; an unknown channel with 10003")
    void emptyMessageAndUnknownChannel() throws Exception {
        assertThat(call("POST", "channels/" + discord.channel().id() + "/messages", "{\"content\":\"\"}")
                        .json
                        .path("code")
                        .asInt())
                .isEqualTo(50006);
        assertThat(call("POST", "channels/123/messages", "{\"content\":\"hi\"}")
                        .json
                        .path("code")
                        .asInt())
                .isEqualTo(10003);
    }

    @Test
    @DisplayName("a body that is not JSON is refused with 400 / 50109 and still recorded")
    void malformedJson_50109() throws Exception {
        Answer answer = call("POST", "channels/" + discord.channel().id() + "/messages", "{not json");

        assertThat(answer.status).isEqualTo(400);
        assertThat(answer.json.path("code").asInt()).isEqualTo(50109);
        assertThat(discord.requests("POST", "channels/\\d+/messages"))
                .extracting(RecordedRequest::status)
                .containsExactly(400);
    }

    @Test
    @DisplayName("the bot cannot edit a member's message (403 / 50005) but can edit its own, and can read both back")
    void editOwnMessageOnly() throws Exception {
        JsonNode members = discord.postAsMember(discord.alice(), "my words");
        String channel = "channels/" + discord.channel().id() + "/messages/";
        Answer own = call("POST", "channels/" + discord.channel().id() + "/messages", "{\"content\":\"bot words\"}");

        Answer editMembers = call("PATCH", channel + members.path("id").asText(), "{\"content\":\"changed\"}");
        Answer editOwn = call("PATCH", channel + own.json.path("id").asText(), "{\"content\":\"bot words, edited\"}");

        assertThat(editMembers.status).isEqualTo(403);
        assertThat(editMembers.json.path("code").asInt()).isEqualTo(50005);
        assertThat(editOwn.status).isEqualTo(200);
        assertThat(call("GET", channel + own.json.path("id").asText(), null)
                        .json
                        .path("content")
                        .asText())
                .isEqualTo("bot words, edited");
        assertThat(call("GET", channel + members.path("id").asText(), null)
                        .json
                        .path("content")
                        .asText())
                .isEqualTo("my words");
        assertThat(call("GET", channel + "42", null).json.path("code").asInt()).isEqualTo(10008);
    }

    @Test
    @DisplayName("mentions honour allowed_mentions: parse [] pings nobody, the default pings the user")
    void mentions_followAllowedMentions() throws Exception {
        String path = "channels/" + discord.channel().id() + "/messages";
        String ping = "<@" + discord.alice().id() + ">";

        Answer silent = call("POST", path, "{\"content\":\"" + ping + "\",\"allowed_mentions\":{\"parse\":[]}}");
        Answer loud = call("POST", path, "{\"content\":\"" + ping + "\"}");

        assertThat(silent.json.path("mentions")).isEmpty();
        assertThat(loud.json.path("mentions"))
                .extracting(u -> u.path("username").asText())
                .containsExactly("alice");
    }

    @Test
    @DisplayName(
            "webhooks of unknown interaction tokens are 404 / 10015; callbacks of unknown interactions 404 / 10062")
    void unknownWebhookAndInteraction() throws Exception {
        String app = discord.bot().applicationId();

        Answer followup = call("POST", "webhooks/" + app + "/no-such-token?wait=true", "{\"content\":\"x\"}");
        Answer original = call("PATCH", "webhooks/" + app + "/no-such-token/messages/@original", "{\"content\":\"x\"}");
        Answer callback = call(
                "POST",
                "interactions/" + Snowflakes.nextId() + "/tok/callback",
                "{\"type\":4,\"data\":{\"content\":\"x\"}}");

        assertThat(followup.json.path("code").asInt()).isEqualTo(10015);
        assertThat(original.json.path("code").asInt()).isEqualTo(10015);
        assertThat(callback.status).isEqualTo(404);
        assertThat(callback.json.path("code").asInt()).isEqualTo(10062);
        assertThat(callback.json.path("message").asText()).isEqualTo("Unknown interaction");
    }

    @Test
    @DisplayName("a 429 fault carries Retry-After, Via, rate-limit headers and retry_after; then the route works again")
    void rateLimitFault_shapeThenRecovers() throws Exception {
        discord.failNext("GET", "users/@me", 1, Fault.rateLimited(Duration.ofMillis(1500)));

        HttpResponse<String> limited = send("GET", "users/@me", null, "Bot " + discord.token());
        HttpResponse<String> after = send("GET", "users/@me", null, "Bot " + discord.token());

        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).contains("2");
        assertThat(limited.headers().firstValue("Via")).isPresent();
        assertThat(limited.headers().firstValue("X-RateLimit-Remaining")).contains("0");
        assertThat(limited.headers().firstValue("X-RateLimit-Bucket")).isPresent();
        JsonNode body = Payloads.JSON.readTree(limited.body());
        assertThat(body.path("retry_after").asDouble()).isEqualTo(1.5);
        assertThat(body.path("global").asBoolean(true)).isFalse();
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(discord.requests("GET", "users/@me"))
                .extracting(RecordedRequest::status)
                .containsExactly(429, 200);
    }

    @Test
    @DisplayName("requests are recorded decoded: %40original matches @original, query parsed, JSON body kept")
    void recording_decodesPathAndQuery() throws Exception {
        call(
                "PATCH",
                "webhooks/" + discord.bot().applicationId() + "/tok/messages/%40original?wait=true",
                "{\"content\":\"x\"}");

        RecordedRequest recorded = discord.requests().get(0);

        assertThat(recorded.path()).endsWith("/messages/@original");
        assertThat(recorded.rawPath()).endsWith("/messages/%40original");
        assertThat(recorded.query()).containsEntry("wait", "true");
        assertThat(recorded.body().path("content").asText()).isEqualTo("x");
        assertThat(recorded.matches("PATCH", "webhooks/\\d+/tok/messages/@original"))
                .isTrue();
    }

    @Test
    @DisplayName(
            "enforce_nonce returns the first message within the window; once it has passed, the same nonce posts anew")
    void nonce_dedupesOnlyWithinTheWindow() throws Exception {
        String path = "channels/" + discord.channel().id() + "/messages";
        String body = "{\"content\":\"digest\",\"nonce\":\"dg1\",\"enforce_nonce\":true}";

        String first = call("POST", path, body).json.path("id").asText();
        String repeat = call("POST", path, body).json.path("id").asText();
        discord.expireNonces();
        String late = call("POST", path, body).json.path("id").asText();

        assertThat(repeat).isEqualTo(first);
        assertThat(late).isNotEqualTo(first);
        assertThat(discord.channelMessages()).hasSize(2);
    }

    @Test
    @DisplayName("channel history: newest first, limit 1-100, paged with before or after")
    void channelMessages_limitBeforeAfter() throws Exception {
        String path = "channels/" + discord.channel().id() + "/messages";
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(call("POST", path, "{\"content\":\"m" + i + "\"}")
                    .json
                    .path("id")
                    .asText());
        }

        assertThat(contents(call("GET", path + "?limit=2", null))).containsExactly("m4", "m3");
        assertThat(contents(call("GET", path + "?limit=2&before=" + ids.get(3), null)))
                .containsExactly("m2", "m1");
        assertThat(contents(call("GET", path + "?limit=2&after=" + ids.get(0), null)))
                .containsExactly("m2", "m1");
        assertThat(contents(call("GET", path, null))).hasSize(5);
        for (String limit : List.of("0", "101", "many")) {
            Answer refused = call("GET", path + "?limit=" + limit, null);
            assertThat(refused.status).as("limit=%s", limit).isEqualTo(400);
            assertThat(refused.json.path("code").asInt()).isEqualTo(50035);
        }
    }

    @Test
    @DisplayName("the bot's application names its owner, or a team with its members, roles and invitations")
    void application_ownerOrTeam() throws Exception {
        discord.application().ownedBy(discord.mod());
        JsonNode owned = call("GET", "oauth2/applications/@me", null).json;
        discord.application()
                .ownedByTeamOf(discord.mod())
                .teamMember(discord.alice(), TestApplication.READ_ONLY, false);
        JsonNode team = call("GET", "oauth2/applications/@me", null).json;

        assertThat(owned.path("id").asText()).isEqualTo(discord.bot().applicationId());
        assertThat(owned.path("owner").path("id").asText())
                .isEqualTo(discord.mod().id());
        assertThat(owned.path("team").isNull()).isTrue();
        assertThat(team.path("team").path("owner_user_id").asText())
                .isEqualTo(discord.mod().id());
        assertThat(team.path("team").path("members"))
                .extracting(m -> m.path("user").path("username").asText() + ":"
                        + m.path("role").asText() + ":"
                        + m.path("membership_state").asInt())
                .containsExactly("mod:admin:2", "alice:read_only:1");
    }

    private static List<String> contents(Answer answer) {
        List<String> contents = new ArrayList<>();
        answer.json.forEach(message -> contents.add(message.path("content").asText()));
        return contents;
    }

    private Answer call(String method, String path, String json) throws IOException, InterruptedException {
        return call(method, path, json, "Bot " + discord.token());
    }

    private Answer call(String method, String path, String json, String authorization)
            throws IOException, InterruptedException {
        HttpResponse<String> response = send(method, path, json, authorization);
        return new Answer(
                response.statusCode(),
                response.body().isEmpty() ? Payloads.object() : Payloads.JSON.readTree(response.body()));
    }

    private HttpResponse<String> send(String method, String path, String json, String authorization)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(discord.restUrl() + path))
                .header("Authorization", authorization)
                .method(
                        method,
                        json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private record Answer(int status, JsonNode json) {}
}
