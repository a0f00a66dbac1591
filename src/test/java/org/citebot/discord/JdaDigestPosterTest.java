package org.citebot.discord;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.requests.ErrorResponse;
import net.dv8tion.jda.api.requests.Response;
import org.citebot.digest.FailureKind;
import org.citebot.digest.PostResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JdaDigestPosterTest {

    @ParameterizedTest
    @CsvSource({
        "UNKNOWN_CHANNEL, 404, CHANNEL_GONE",
        "MISSING_ACCESS, 403, MISSING_PERMISSION",
        "MISSING_PERMISSIONS, 403, MISSING_PERMISSION",
        "SERVER_ERROR, 500, TRANSIENT",
        "UNKNOWN_MESSAGE, 404, TRANSIENT"
    })
    void discordErrors_becomeNeutralFailureKinds(ErrorResponse error, int status, FailureKind expected) {
        ErrorResponseException exception =
                ErrorResponseException.create(error, new Response(null, status, "status " + status, -1, Set.of()));

        PostResult result = JdaDigestPoster.failure("200000000000000001", exception);

        assertThat(result).isInstanceOfSatisfying(PostResult.Failed.class, failed -> {
            assertThat(failed.kind()).isEqualTo(expected);
            assertThat(failed.detail()).doesNotContain("fake-bot-token");
        });
    }

    @ParameterizedTest
    @CsvSource({"java.net.SocketTimeoutException", "java.lang.IllegalStateException"})
    void otherExceptions_areTransient(Class<? extends Exception> type) throws Exception {
        PostResult result =
                JdaDigestPoster.failure("1", type.getConstructor(String.class).newInstance("boom"));

        assertThat(result).isEqualTo(new PostResult.Failed(FailureKind.TRANSIENT, type.getName() + ": boom"));
    }
}
