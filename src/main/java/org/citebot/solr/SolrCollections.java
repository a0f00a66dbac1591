package org.citebot.solr;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.solr.client.solrj.request.CollectionAdminRequest;
import org.apache.solr.client.solrj.request.ConfigSetAdminRequest;
import org.apache.solr.client.solrj.response.CollectionAdminResponse;
import org.apache.solr.common.util.ContentStreamBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * citebot's collections on SolrCloud. The configured name ({@code search.solr.collection}) is an
 * alias; the collections behind it are that name with {@code _g1}, {@code _g2}, ..., so a full
 * rebuild fills a new collection and {@link #pointAlias} swaps it in at once, with no downtime.
 * Used by {@code citebot solr setup} and, later, the Solr backend's rebuilds.
 */
public final class SolrCollections {

    private static final Logger log = LoggerFactory.getLogger(SolrCollections.class);

    private final SolrConnection connection;

    public SolrCollections(SolrConnection connection) {
        this.connection = connection;
    }

    /**
     * What {@link #setup} found or did.
     *
     * @param configset the configset the collection uses (uploaded now or before)
     * @param alias the name citebot searches
     * @param collection the collection the alias points at
     * @param created whether this call created the collection and the alias
     */
    public record SetupReport(
            String configset, String alias, String collection, int shards, int replicas, boolean created) {}

    /**
     * Makes the configured alias usable: uploads the configset unless Solr has it, and, when the
     * alias does not exist, creates its first collection with the configured shards and replicas
     * and points the alias at it. Running it again changes nothing.
     *
     * @throws SolrUnavailableException when Solr cannot be reached or refuses, or when a plain
     *     collection already carries the alias's name
     */
    public SetupReport setup(SolrConfigset configset) {
        SolrSettings settings = connection.settings();
        String alias = settings.collection();
        String configName = upload(configset);
        Optional<String> existing = aliasTarget(alias);
        if (existing.isPresent()) {
            return new SetupReport(configName, alias, existing.get(), settings.shards(), settings.replicas(), false);
        }
        if (collections().contains(alias)) {
            throw new SolrUnavailableException("Solr already has a collection named '" + alias
                    + "'; citebot keeps that name for an alias over its own collections: choose another"
                    + " search.solr.collection, or delete or rename that collection");
        }
        String collection = createNext(configName);
        pointAlias(alias, collection);
        return new SetupReport(configName, alias, collection, settings.shards(), settings.replicas(), true);
    }

    /**
     * Uploads the configset under its content-hashed name unless Solr already has it.
     *
     * @return the configset's name in Solr
     */
    public String upload(SolrConfigset configset) {
        List<String> known = connection
                .send(new ConfigSetAdminRequest.List(), Optional.empty(), "listing configsets")
                .getConfigSets();
        if (known.contains(configset.name())) {
            return configset.name();
        }
        ConfigSetAdminRequest.Upload upload = new ConfigSetAdminRequest.Upload()
                .setConfigSetName(configset.name())
                .setUploadStream(new ContentStreamBase.ByteArrayStream(
                        configset.zip(), configset.name() + ".zip", "application/zip"));
        connection.send(upload, Optional.empty(), "uploading configset " + configset.name());
        log.info("Solr configset {} uploaded", configset.name());
        return configset.name();
    }

    /**
     * Creates the alias's next collection ({@code ALIAS_gN}, N one past the highest there) with the
     * configured shards and replicas, and waits until Solr reports it created.
     *
     * @return the new collection's name
     */
    public String createNext(String configName) {
        SolrSettings settings = connection.settings();
        String name = nextName(settings.collection(), collections());
        connection.send(
                CollectionAdminRequest.createCollection(name, configName, settings.shards(), settings.replicas()),
                Optional.empty(),
                "creating collection " + name + " (" + settings.shards() + " shards x " + settings.replicas()
                        + " replicas)");
        log.info(
                "Solr collection {} created: {} shards x {} replicas, configset {}",
                name,
                settings.shards(),
                settings.replicas(),
                configName);
        return name;
    }

    /**
     * Points {@code alias} at {@code collection} in one step: searches through the alias see the
     * old collection until Solr switches, then the new one, never neither. Returns once this
     * connection's client sees the change too.
     *
     * @return the collection the alias pointed at before, if any
     */
    public Optional<String> pointAlias(String alias, String collection) {
        Optional<String> before = aliasTarget(alias);
        connection.send(
                CollectionAdminRequest.createAlias(alias, collection),
                Optional.empty(),
                "pointing alias " + alias + " at " + collection);
        connection.awaitAlias(alias, collection);
        log.info("Solr alias {} now points at {} (before: {})", alias, collection, before.orElse("nothing"));
        return before;
    }

    /** The collection {@code alias} points at, if it exists. */
    public Optional<String> aliasTarget(String alias) {
        CollectionAdminResponse response =
                connection.send(new CollectionAdminRequest.ListAliases(), Optional.empty(), "listing aliases");
        Map<String, String> aliases = response.getAliases();
        return Optional.ofNullable(aliases.get(alias));
    }

    /** Every collection's name. */
    public List<String> collections() {
        CollectionAdminResponse response =
                connection.send(new CollectionAdminRequest.List(), Optional.empty(), "listing collections");
        Object names = response.getResponse().get("collections");
        return names instanceof List<?> list
                ? list.stream().map(String::valueOf).toList()
                : List.of();
    }

    /** Deletes a collection no alias points at any more, such as the one a rebuild replaced. */
    public void delete(String collection) {
        connection.send(
                CollectionAdminRequest.deleteCollection(collection),
                Optional.empty(),
                "deleting collection " + collection);
        log.info("Solr collection {} deleted", collection);
    }

    /**
     * Deletes {@code alias} and every collection behind it ({@code alias_gN}), then the configset
     * {@code configName} unless Solr refuses because another collection still uses it: what a caller that made a
     * short-lived alias of its own ({@code citebot bench}) leaves behind. Nothing else is touched.
     *
     * @return the collections deleted
     */
    public List<String> deleteAliasAndCollections(String alias, String configName) {
        if (aliasTarget(alias).isPresent()) {
            connection.send(CollectionAdminRequest.deleteAlias(alias), Optional.empty(), "deleting alias " + alias);
            log.info("Solr alias {} deleted", alias);
        }
        Pattern generation = Pattern.compile(Pattern.quote(alias) + "_g\\d{1,9}");
        List<String> deleted = collections().stream()
                .filter(name -> generation.matcher(name).matches())
                .toList();
        deleted.forEach(this::delete);
        List<String> known = connection
                .send(new ConfigSetAdminRequest.List(), Optional.empty(), "listing configsets")
                .getConfigSets();
        if (known.contains(configName)) {
            try {
                connection.send(
                        new ConfigSetAdminRequest.Delete().setConfigSetName(configName),
                        Optional.empty(),
                        "deleting configset " + configName);
                log.info("Solr configset {} deleted", configName);
            } catch (SolrUnavailableException e) {
                // Solr refuses while another collection uses it; left over, it is harmless.
                log.info("Solr configset {} kept: {}", configName, e.getMessage());
            }
        }
        return deleted;
    }

    /** {@code alias_gN} with N one past the highest generation suffix among {@code existing}. */
    static String nextName(String alias, List<String> existing) {
        Pattern generation = Pattern.compile(Pattern.quote(alias) + "_g(\\d{1,9})");
        int highest = 0;
        for (String name : existing) {
            Matcher matcher = generation.matcher(name);
            if (matcher.matches()) {
                highest = Math.max(highest, Integer.parseInt(matcher.group(1)));
            }
        }
        return alias + "_g" + (highest + 1);
    }
}
