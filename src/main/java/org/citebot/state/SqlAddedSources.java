package org.citebot.state;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.citebot.extract.ArticleMetadata;
import org.citebot.sources.AddedArticle;
import org.citebot.sources.AddedSources;
import org.citebot.sources.LinkHealth;
import org.citebot.sources.SourceRecord;

/**
 * {@link AddedSources} in the state database's {@code added_sources}, on SQLite or PostgreSQL: one
 * row per article with its extracted text (paragraphs and subheadings as JSON arrays), the fetched
 * page gzip-compressed, who added it where and when, and the link check's findings.
 */
public final class SqlAddedSources implements AddedSources {

    private static final String RECORD_COLUMNS = "id, url, title, server_id, added_by, added_at, content_hash,"
            + " link_status, checked_at, status_detail, moved_to, etag, last_modified, failures, next_check_at,"
            + " live_text";

    private final StateStore store;

    public SqlAddedSources(StateStore store) {
        this.store = store;
    }

    @Override
    public boolean add(AddedArticle article, byte[] page) {
        return store.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO added_sources(id, server_id, url, requested_url,"
                    + " fetched_from, format, title, author, published, publisher, language, canonical_url,"
                    + " paragraphs, headings, content_hash, page, added_by, added_at, link_status, failures)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)"
                    + " ON CONFLICT(id) DO NOTHING")) {
                s.setString(1, article.id());
                s.setString(2, article.server().orElse(null));
                s.setString(3, article.url().toString());
                s.setString(4, article.requested().toString());
                s.setString(5, article.fetchedFrom().toString());
                s.setString(6, article.format());
                setArticle(s, 7, article);
                s.setBytes(16, gzip(page));
                s.setString(17, article.addedBy());
                s.setLong(18, article.addedAt().toEpochMilli());
                s.setString(19, LinkHealth.Status.UNCHECKED.key());
                return s.executeUpdate() == 1;
            }
        });
    }

    @Override
    public Optional<AddedArticle> article(String id) {
        return store.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT id, url, requested_url, fetched_from, format, title,"
                    + " author, published, publisher, language, canonical_url, paragraphs, headings, server_id,"
                    + " added_by, added_at FROM added_sources WHERE id = ?")) {
                s.setString(1, id);
                try (ResultSet rs = s.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    ArticleMetadata metadata = new ArticleMetadata(
                            text(rs, "title"),
                            text(rs, "author"),
                            text(rs, "published").map(LocalDate::parse),
                            text(rs, "publisher"),
                            text(rs, "canonical_url").map(URI::create),
                            text(rs, "language"));
                    return Optional.of(new AddedArticle(
                            rs.getString("id"),
                            URI.create(rs.getString("url")),
                            URI.create(rs.getString("requested_url")),
                            URI.create(rs.getString("fetched_from")),
                            rs.getString("format"),
                            metadata,
                            StoredJson.strings(rs.getString("paragraphs"), "An added article's stored text"),
                            new LinkedHashSet<>(
                                    StoredJson.strings(rs.getString("headings"), "An added article's stored text")),
                            text(rs, "server_id"),
                            rs.getString("added_by"),
                            Instant.ofEpochMilli(rs.getLong("added_at"))));
                }
            }
        });
    }

    @Override
    public Optional<byte[]> page(String id) {
        return store.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT page FROM added_sources WHERE id = ?")) {
                s.setString(1, id);
                try (ResultSet rs = s.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    byte[] page = rs.getBytes(1);
                    return page == null ? Optional.empty() : Optional.of(gunzip(page));
                }
            }
        });
    }

    @Override
    public List<SourceRecord> records() {
        return store.read(c -> {
            try (PreparedStatement s = c.prepareStatement(
                            "SELECT " + RECORD_COLUMNS + " FROM added_sources ORDER BY added_at, id");
                    ResultSet rs = s.executeQuery()) {
                List<SourceRecord> records = new ArrayList<>();
                while (rs.next()) {
                    URI url = URI.create(rs.getString("url"));
                    records.add(new SourceRecord(
                            rs.getString("id"),
                            url,
                            text(rs, "title").orElseGet(() -> url.toString()),
                            text(rs, "server_id"),
                            rs.getString("added_by"),
                            Instant.ofEpochMilli(rs.getLong("added_at")),
                            rs.getString("content_hash"),
                            health(rs)));
                }
                return records;
            }
        });
    }

    @Override
    public Map<String, String> contentHashes() {
        return store.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT id, content_hash FROM added_sources ORDER BY id");
                    ResultSet rs = s.executeQuery()) {
                Map<String, String> hashes = new LinkedHashMap<>();
                while (rs.next()) {
                    hashes.put(rs.getString(1), rs.getString(2));
                }
                return hashes;
            }
        });
    }

    @Override
    public boolean replace(AddedArticle article, byte[] page, LinkHealth health) {
        return store.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE added_sources SET title = ?, author = ?,"
                    + " published = ?, publisher = ?, language = ?, canonical_url = ?, paragraphs = ?, headings = ?,"
                    + " content_hash = ?, page = ?, fetched_from = ?, format = ? WHERE id = ?")) {
                setArticle(s, 1, article);
                s.setBytes(10, gzip(page));
                s.setString(11, article.fetchedFrom().toString());
                s.setString(12, article.format());
                s.setString(13, article.id());
                if (s.executeUpdate() != 1) {
                    return false;
                }
            }
            return updateHealth(c, article.id(), health);
        });
    }

    @Override
    public boolean recordHealth(String id, LinkHealth health) {
        return store.transaction(c -> updateHealth(c, id, health));
    }

    @Override
    public boolean remove(String id) {
        return store.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM added_sources WHERE id = ?")) {
                s.setString(1, id);
                return s.executeUpdate() == 1;
            }
        });
    }

    /** The metadata, text and content hash at parameters {@code first} to {@code first + 8}. */
    private static void setArticle(PreparedStatement s, int first, AddedArticle article) throws SQLException {
        ArticleMetadata metadata = article.metadata();
        s.setString(first, metadata.title().orElse(null));
        s.setString(first + 1, metadata.author().orElse(null));
        s.setString(first + 2, metadata.published().map(LocalDate::toString).orElse(null));
        s.setString(first + 3, metadata.publisher().orElse(null));
        s.setString(first + 4, metadata.language().orElse(null));
        s.setString(first + 5, metadata.url().map(URI::toString).orElse(null));
        s.setString(first + 6, StoredJson.of(article.paragraphs()));
        s.setString(first + 7, StoredJson.of(List.copyOf(article.headings())));
        s.setString(first + 8, article.contentHash());
    }

    private static boolean updateHealth(Connection c, String id, LinkHealth health) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE added_sources SET link_status = ?, checked_at = ?,"
                + " status_detail = ?, moved_to = ?, etag = ?, last_modified = ?, failures = ?, next_check_at = ?,"
                + " live_text = ? WHERE id = ?")) {
            s.setString(1, health.status().key());
            setInstant(s, 2, health.checkedAt());
            s.setString(3, health.detail().orElse(null));
            s.setString(4, health.movedTo().map(URI::toString).orElse(null));
            s.setString(5, health.etag().orElse(null));
            s.setString(6, health.lastModified().orElse(null));
            s.setInt(7, health.failures());
            setInstant(s, 8, health.nextCheck());
            s.setString(9, health.liveText().orElse(null));
            s.setString(10, id);
            return s.executeUpdate() == 1;
        }
    }

    private static LinkHealth health(ResultSet rs) throws SQLException {
        return new LinkHealth(
                LinkHealth.Status.of(rs.getString("link_status")),
                instant(rs, "checked_at"),
                text(rs, "status_detail"),
                text(rs, "moved_to").map(URI::create),
                text(rs, "etag"),
                text(rs, "last_modified"),
                rs.getInt("failures"),
                instant(rs, "next_check_at"),
                text(rs, "live_text"));
    }

    private static void setInstant(PreparedStatement s, int index, Optional<Instant> value) throws SQLException {
        if (value.isPresent()) {
            s.setLong(index, value.get().toEpochMilli());
        } else {
            s.setNull(index, Types.BIGINT);
        }
    }

    private static Optional<Instant> instant(ResultSet rs, String column) throws SQLException {
        long millis = rs.getLong(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(millis));
    }

    private static Optional<String> text(ResultSet rs, String column) throws SQLException {
        return Optional.ofNullable(rs.getString(column));
    }

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, bytes.length / 4));
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("compressing in memory cannot fail", e);
        }
        return out.toByteArray();
    }

    private static byte[] gunzip(byte[] bytes) {
        try (GZIPInputStream zip = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return zip.readAllBytes();
        } catch (IOException e) {
            throw new StateStoreException("An added article's stored page is not readable: " + e.getMessage(), e);
        }
    }
}
