package org.citebot.digest;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.concurrent.CountDownLatch;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.JDABuilder;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.requests.RestConfig;
import net.dv8tion.jda.api.utils.Compression;
import net.dv8tion.jda.api.utils.SessionControllerAdapter;
import org.citebot.discord.DiscordRenderer;
import org.citebot.discord.JdaDigestPoster;
import org.citebot.reply.Reply;

/**
 * The process {@link KilledDigestSendTest} kills: opens the digest over the state database the test
 * set up, connects the real {@link JdaDigestPoster} to the test's fake Discord, and runs the due
 * digest once. Its poster stops for good either just before the send or just after Discord
 * answered it (so the run is recorded {@code sending} and never marked), says so on standard
 * output, and waits there until it is killed.
 *
 * <p>Arguments: the data folder (holding {@code citebot.db}), the fake's REST URL, gateway URL and
 * token, the instant "now" is, and {@code before-send} or {@code after-send}.
 */
public final class KilledDigestSendMain {

    static final String BEFORE_SEND = "PAUSED-BEFORE-SEND ";
    static final String AFTER_SEND = "PAUSED-AFTER-SEND ";

    private KilledDigestSendMain() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        String restUrl = args[1];
        String gatewayUrl = args[2];
        String token = args[3];
        MutableClock clock = new MutableClock(Instant.parse(args[4]));
        boolean pauseBeforeSend = args[5].equals("before-send");
        CountDownLatch never = new CountDownLatch(1);

        JDA jda = JDABuilder.createLight(token, EnumSet.noneOf(GatewayIntent.class))
                .setRestConfig(new RestConfig().setBaseUrl(restUrl))
                .setSessionController(new SessionControllerAdapter() {
                    @Override
                    public String getGateway() {
                        return gatewayUrl;
                    }
                })
                .setCompression(Compression.NONE)
                .setEnableShutdownHook(false)
                .build()
                .awaitReady();
        JdaDigestPoster discord = new JdaDigestPoster(jda, new DiscordRenderer(), true, Duration.ofSeconds(30));
        DigestPoster pausing = new DigestPoster() {
            @Override
            public PostResult post(String guild, String channel, Reply reply, String nonce) {
                if (pauseBeforeSend) {
                    pause(BEFORE_SEND + nonce, never);
                }
                PostResult result = discord.post(guild, channel, reply, nonce);
                pause(AFTER_SEND + result, never);
                return result;
            }

            @Override
            public EarlierPost find(String guild, String channel, String nonce, Instant since) {
                return discord.find(guild, channel, nonce, since);
            }
        };
        try (DigestFixture fixture = new DigestFixture(dir, clock)) {
            fixture.service.attach(pausing);
            fixture.service.runDue();
        }
        System.out.println("FINISHED");
        System.out.flush();
        jda.shutdownNow();
    }

    private static void pause(String marker, CountDownLatch never) {
        System.out.println(marker);
        System.out.flush();
        try {
            never.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
