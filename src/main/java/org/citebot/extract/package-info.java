/**
 * Article extraction from a web page: the body text without the site's chrome (navigation, ads,
 * share bars, related links, comments, cookie banners, captions and credits) and the page's own
 * metadata (JSON-LD, OpenGraph, {@code <meta>}, {@code <time>}), plus the rules that refuse a page
 * that is not an article. Pure functions over jsoup; used by {@code citebot extract}, the source
 * pipeline and {@code citebot eval --extraction}. Knows nothing of the network, Lucene or Discord.
 */
@NullMarked
package org.citebot.extract;

import org.jspecify.annotations.NullMarked;
