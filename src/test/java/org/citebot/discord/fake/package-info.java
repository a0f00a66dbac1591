/**
 * A local fake Discord (REST + gateway, API v10, 127.0.0.1 only) for end-to-end tests of the real
 * bot over the wire. Start with {@link org.citebot.discord.fake.FakeDiscord}.
 *
 * <h2>Connecting</h2>
 * <ul>
 *   <li>Test code with a plain JDA: {@code discord.jdaBuilder(listener).build().awaitReady()}.</li>
 *   <li>The bot itself: give it {@code discord.restUrl()} ({@code http://127.0.0.1:P/api/v10/}) for
 *       {@code RestConfig#setBaseUrl}, {@code discord.gatewayUrl()} ({@code ws://127.0.0.1:Q/}) for
 *       its own {@code SessionControllerAdapter#getGateway()} (one adapter per JDA), and
 *       {@code discord.token()}. Build it with {@code setEnableShutdownHook(false)} and stop it with
 *       {@code discord.shutdown(jda)} before closing the fake (a stuck shutdown fails with a diagnosis).</li>
 * </ul>
 *
 * <h2>Driving</h2>
 * {@code discord.slash(name, options)}, {@code autocomplete(command, option, partial)},
 * {@code button(customId, message)}, {@code select(customId, values, message)},
 * {@code messageCommand(name, targetText)}, {@code modalSubmit(modalId, inputs)} each return an
 * {@link org.citebot.discord.fake.FakeDiscord.InteractionBuilder}; refine it ({@code subcommand},
 * {@code inSubcommand}, {@code withOptions}, {@code in(channel)}, {@code locale}) and dispatch it
 * with {@code as(member)}. The returned {@link org.citebot.discord.fake.InteractionHandle} waits for
 * the callback, the response message and follow-ups.
 *
 * <h2>The world</h2>
 * One guild by default, or those given to the builder ({@link org.citebot.discord.fake.TestGuild});
 * the bot's application and its owner or team, {@code application()}, served at
 * {@code GET oauth2/applications/@me}.
 *
 * <h2>Observing</h2>
 * {@code requests()} (every HTTP request, decoded), {@code sentMessages()} (every accepted message
 * payload the bot sent, with its {@code allowed_mentions}, embeds and components),
 * {@code channelMessages(channelId)} (current channel state), {@code globalCommands()},
 * {@code registeredCommands(guildId)}, {@code registrationRequests()}, and {@code gateway()} for
 * gateway traffic.
 *
 * <h2>Rules enforced</h2>
 * Discord's limits ({@link org.citebot.discord.fake.DiscordLimits}, 400 / 50035 Invalid Form Body),
 * one callback per interaction (400 / 40060), the callback deadline (404 / 10062; 3 s, configurable),
 * the bot token (401), nonce idempotency ({@code enforce_nonce}) within a window (5 minutes by
 * default; {@code expireNonces()} lets it pass), Get Channel Messages' {@code limit} of 1-100 with
 * {@code before} or {@code after}.
 *
 * <h2>Faults</h2>
 * {@code failNext(method, pathRegex, times, Fault.rateLimited(d) | Fault.serverError(status))},
 * {@code dropGatewayConnection()} (close 4000), {@code cutGatewayConnection()} (no close frame),
 * {@code gateway().invalidateSession(resumable)}, {@code interactionDeadline(d)}.
 */
package org.citebot.discord.fake;
