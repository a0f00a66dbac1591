/**
 * Several citebot processes as one bot: the ports through which they coordinate in the shared state
 * database. {@link org.citebot.cluster.IdentifyBuckets} spaces the processes' gateway logins as
 * Discord's identify limit asks. The features own the rest of their coordination: the reindex lock
 * and the corpus generation in {@code reindex}, the digest's send leases in {@code digest}.
 */
@NullMarked
package org.citebot.cluster;

import org.jspecify.annotations.NullMarked;
