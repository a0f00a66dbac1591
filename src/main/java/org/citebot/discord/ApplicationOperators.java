package org.citebot.discord;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.ApplicationInfo;
import net.dv8tion.jda.api.entities.ApplicationTeam;
import net.dv8tion.jda.api.entities.TeamMember;
import org.citebot.command.OperatorCheck;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * citebot's operators as Discord names them ({@code GET oauth2/applications/@me}): the owner of the
 * bot's application or, for an application owned by a team, the team's owner and its members who
 * accepted the invitation with the admin or developer role (read-only members only look, and a
 * role Discord adds later is not trusted until someone decides to). Read once at start-up, kept
 * here, and read again when a check finds the list older than {@link #REFRESH_AFTER}: a new team
 * member is recognised and a removed one forgotten without a restart, while a moderator trying an
 * operator command again and again costs Discord at most one request a minute. Given to the
 * command layer's {@code OperatorPolicy} as a neutral {@link OperatorCheck}.
 */
public final class ApplicationOperators implements OperatorCheck {

    private static final Logger LOG = LoggerFactory.getLogger(ApplicationOperators.class);

    /** How old the list may be when a check needs it; checks are rare (operator commands only). */
    static final Duration REFRESH_AFTER = Duration.ofMinutes(1);
    /** How long one read of the application may take before the last known list is used. */
    static final Duration LOOKUP_TIMEOUT = Duration.ofSeconds(10);

    private final Callable<Set<String>> lookup;
    private final Duration refreshAfter;
    private final LongSupplier nanoTime;
    private volatile Set<String> operators = Set.of();
    /** Whether the list was read (or tried) yet, and when, by {@link #nanoTime}; guarded by this. */
    private boolean read;

    private long readAt;

    /**
     * @param lookup reads the operators' user ids from the platform; may throw when it cannot
     * @param refreshAfter how old the list may be before a check reads it again
     * @param nanoTime the clock for that age ({@code System::nanoTime}; tests pass their own)
     */
    ApplicationOperators(Callable<Set<String>> lookup, Duration refreshAfter, LongSupplier nanoTime) {
        this.lookup = lookup;
        this.refreshAfter = refreshAfter;
        this.nanoTime = nanoTime;
    }

    /**
     * Reads the operators of {@code jda}'s application now (on the calling thread, at most {@link
     * #LOOKUP_TIMEOUT}) and keeps them. When Discord cannot answer, start-up goes on: the list is
     * empty until a later check reads it, and only {@code operators.users} are operators meanwhile.
     */
    public static ApplicationOperators start(JDA jda) {
        ApplicationOperators operators = new ApplicationOperators(() -> lookUp(jda), REFRESH_AFTER, System::nanoTime);
        operators.refresh();
        return operators;
    }

    @Override
    public boolean isOperator(String userId) {
        refreshIfOld();
        return operators.contains(userId);
    }

    private synchronized void refreshIfOld() {
        if (!read || nanoTime.getAsLong() - readAt >= refreshAfter.toNanos()) {
            refresh();
        }
    }

    private synchronized void refresh() {
        read = true;
        readAt = nanoTime.getAsLong();
        try {
            Set<String> fresh = Set.copyOf(lookup.call());
            if (!fresh.equals(operators)) {
                LOG.info("citebot's operators from its Discord application: {} user(s)", fresh.size());
            }
            operators = fresh;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            // The last known list stays: an outage should neither promote nor forget anyone.
            LOG.warn(
                    "Could not read citebot's application owner and team from Discord; keeping the last known {}"
                            + " operator(s) and trying again in {} s: {}",
                    operators.size(),
                    refreshAfter.toSeconds(),
                    e.toString());
        }
    }

    static Set<String> lookUp(JDA jda) throws InterruptedException, ExecutionException {
        try {
            return operatorIds(
                    jda.retrieveApplicationInfo().submit().get(LOOKUP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
        } catch (java.util.concurrent.TimeoutException e) {
            throw new ExecutionException("Discord did not answer within " + LOOKUP_TIMEOUT.toSeconds() + " s", e);
        }
    }

    /** The user ids the application names as its operators; see the class comment for who counts. */
    static Set<String> operatorIds(ApplicationInfo info) {
        ApplicationTeam team = info.getTeam();
        if (team == null) {
            return Set.of(info.getOwner().getId());
        }
        // A team-owned application's owner is a stand-in user for the team, not a person.
        Set<String> ids = new HashSet<>();
        if (team.getOwnerIdLong() != 0) {
            ids.add(team.getOwnerId());
        }
        for (TeamMember member : team.getMembers()) {
            boolean accepted = member.getMembershipState() == TeamMember.MembershipState.ACCEPTED;
            TeamMember.RoleType role = member.getRoleType();
            if (accepted
                    && (role == TeamMember.RoleType.OWNER
                            || role == TeamMember.RoleType.ADMIN
                            || role == TeamMember.RoleType.DEVELOPER)) {
                ids.add(member.getUser().getId());
            }
        }
        return Set.copyOf(ids);
    }
}
