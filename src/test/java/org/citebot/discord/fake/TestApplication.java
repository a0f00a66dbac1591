package org.citebot.discord.fake;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The bot's application as {@code GET oauth2/applications/@me} reports it: owned by one user, or by
 * a team with an owner and members (each with a role and whether they accepted the invitation).
 * By default it is owned by a user who is in no guild, so no test member is an owner unless the
 * test says so. Tests change it at any time; the next request sees the change.
 */
public final class TestApplication {

    /** Discord's team roles; the team's owner has none of these, Discord names it by {@code owner_user_id}. */
    public static final String ADMIN = "admin";

    public static final String DEVELOPER = "developer";
    public static final String READ_ONLY = "read_only";

    private record TeamSeat(TestMember member, String role, boolean accepted) {}

    private final TestBot bot;
    private TestMember owner = TestMember.named("absent-owner");
    private String teamId;
    private TestMember teamOwner;
    private final List<TeamSeat> team = new ArrayList<>();

    TestApplication(TestBot bot) {
        this.bot = bot;
    }

    /** The application belongs to {@code user} alone (no team). */
    public synchronized TestApplication ownedBy(TestMember user) {
        owner = user;
        teamId = null;
        teamOwner = null;
        team.clear();
        return this;
    }

    /** The application belongs to a new team owned by {@code user}, who is its only member so far. */
    public synchronized TestApplication ownedByTeamOf(TestMember user) {
        teamId = Snowflakes.nextId();
        teamOwner = user;
        team.clear();
        team.add(new TeamSeat(user, ADMIN, true));
        return this;
    }

    /** Adds a team member with one of {@link #ADMIN}, {@link #DEVELOPER}, {@link #READ_ONLY}; invited or accepted. */
    public synchronized TestApplication teamMember(TestMember member, String role, boolean accepted) {
        if (teamId == null) {
            throw new IllegalStateException("the application has no team; call ownedByTeamOf first");
        }
        team.removeIf(seat -> seat.member().id().equals(member.id()));
        team.add(new TeamSeat(member, role, accepted));
        return this;
    }

    /** Removes a member from the team, as Discord does when someone leaves it. */
    public synchronized TestApplication withoutTeamMember(TestMember member) {
        team.removeIf(seat -> seat.member().id().equals(member.id()));
        return this;
    }

    /** The Application object Discord answers with. */
    synchronized ObjectNode payload() {
        ObjectNode app = Payloads.object();
        app.put("id", bot.applicationId());
        app.put("name", bot.username());
        app.putNull("icon");
        app.put("description", "");
        app.put("bot_public", false);
        app.put("bot_require_code_grant", false);
        app.put("verify_key", "0".repeat(64));
        app.put("flags", 0);
        if (teamId == null) {
            app.set("owner", Payloads.memberUser(owner));
            app.putNull("team");
            return app;
        }
        // A team-owned application names a stand-in user for the team as its owner.
        ObjectNode teamUser = Payloads.user(teamId, "team" + teamId, false);
        teamUser.put("flags", 1024);
        app.set("owner", teamUser);
        ObjectNode teamNode = app.putObject("team");
        teamNode.put("id", teamId);
        teamNode.put("name", "Team of " + teamOwner.username());
        teamNode.putNull("icon");
        teamNode.put("owner_user_id", teamOwner.id());
        ArrayNode members = teamNode.putArray("members");
        for (TeamSeat seat : team) {
            ObjectNode member = members.addObject();
            member.put("membership_state", seat.accepted() ? 2 : 1);
            member.put("team_id", teamId);
            member.set("user", Payloads.memberUser(seat.member()));
            member.put("role", seat.role());
            member.putArray("permissions").add("*");
        }
        return app;
    }
}
