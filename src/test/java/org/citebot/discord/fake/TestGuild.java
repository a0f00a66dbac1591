package org.citebot.discord.fake;

import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * A guild the fake announces in GUILD_CREATE: its roles, text channels and members (the bot's own
 * member is added by the fake). Build one with {@link #builder(String)}.
 */
public record TestGuild(
        String id,
        String name,
        String ownerId,
        List<TestRole> roles,
        List<TestChannel> channels,
        List<TestMember> members) {

    /** Manage Server ({@code MANAGE_GUILD}). */
    public static final long MANAGE_GUILD = 1L << 5;
    /** Administrator. */
    public static final long ADMINISTRATOR = 1L << 3;
    /** What {@code @everyone} gets by default: view, send, embed links, read history, use app commands. */
    public static final long EVERYONE_DEFAULT = (1L << 10) | (1L << 11) | (1L << 14) | (1L << 16) | (1L << 31);

    private static final long ALL_PERMISSIONS = (1L << 51) - 1;

    public TestGuild {
        roles = List.copyOf(roles);
        channels = List.copyOf(channels);
        members = List.copyOf(members);
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** The {@code @everyone} role. */
    public TestRole everyone() {
        return role(id).orElseThrow();
    }

    public Optional<TestRole> role(String roleId) {
        return roles.stream().filter(r -> r.id().equals(roleId)).findFirst();
    }

    public TestRole roleNamed(String roleName) {
        return roles.stream()
                .filter(r -> r.name().equals(roleName))
                .findFirst()
                .orElseThrow(() -> new NoSuchElementException("no role " + roleName));
    }

    public TestChannel channel(String channelName) {
        return channels.stream()
                .filter(c -> c.name().equals(channelName))
                .findFirst()
                .orElseThrow(() -> new NoSuchElementException("no channel " + channelName));
    }

    public TestMember member(String username) {
        return members.stream()
                .filter(m -> m.username().equals(username))
                .findFirst()
                .orElseThrow(() -> new NoSuchElementException("no member " + username));
    }

    public Optional<TestChannel> channelById(String channelId) {
        return channels.stream().filter(c -> c.id().equals(channelId)).findFirst();
    }

    /** Union of {@code @everyone} and the member's roles, as Discord computes guild-level permissions. */
    public long permissionsOf(TestMember member) {
        if (member.id().equals(ownerId)) {
            return ALL_PERMISSIONS;
        }
        long bits = everyone().permissions();
        for (String roleId : member.roleIds()) {
            bits |= role(roleId).map(TestRole::permissions).orElse(0L);
        }
        if ((bits & ADMINISTRATOR) != 0) {
            return ALL_PERMISSIONS;
        }
        return bits;
    }

    /** Builds a {@link TestGuild}; the {@code @everyone} role is created automatically. */
    public static final class Builder {
        private String id = Snowflakes.nextId();
        private final String name;
        private String ownerId = Snowflakes.nextId();
        private long everyonePermissions = EVERYONE_DEFAULT;
        private final List<TestRole> roles = new ArrayList<>();
        private final List<TestChannel> channels = new ArrayList<>();
        private final List<TestMember> members = new ArrayList<>();

        private Builder(String name) {
            this.name = name;
        }

        /**
         * Gives the guild an id on {@code shard} of {@code total} ({@code (id >> 22) % total == shard}),
         * before any role or channel is added.
         */
        public Builder onShard(int shard, int total) {
            if (!roles.isEmpty() || !channels.isEmpty() || !members.isEmpty()) {
                throw new IllegalStateException("choose the shard before adding roles, channels or members");
            }
            this.id = Snowflakes.nextIdOnShard(shard, total);
            return this;
        }

        public Builder everyonePermissions(long permissions) {
            this.everyonePermissions = permissions;
            return this;
        }

        public Builder role(String roleName, long permissions) {
            roles.add(new TestRole(Snowflakes.nextId(), roleName, permissions));
            return this;
        }

        /** Makes the named member (added before) the owner; by default the owner is an absent user, so nobody gets owner rights. */
        public Builder owner(String username) {
            ownerId = members.stream()
                    .filter(m -> m.username().equals(username))
                    .findFirst()
                    .orElseThrow(() -> new NoSuchElementException("add member " + username + " first"))
                    .id();
            return this;
        }

        public Builder textChannel(String channelName) {
            channels.add(new TestChannel(Snowflakes.nextId(), channelName));
            return this;
        }

        /** Adds a member holding the named roles (which must have been added before). */
        public Builder member(String username, String... roleNames) {
            List<String> roleIds = new ArrayList<>();
            for (String roleName : roleNames) {
                roleIds.add(roles.stream()
                        .filter(r -> r.name().equals(roleName))
                        .findFirst()
                        .orElseThrow(() -> new NoSuchElementException("add role " + roleName + " first"))
                        .id());
            }
            members.add(new TestMember(Snowflakes.nextId(), username, roleIds));
            return this;
        }

        public TestGuild build() {
            List<TestRole> all = new ArrayList<>();
            all.add(new TestRole(id, "@everyone", everyonePermissions));
            all.addAll(roles);
            return new TestGuild(id, name, ownerId, all, channels, members);
        }
    }
}
