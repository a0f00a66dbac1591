/**
 * Adding an article to the corpus by its URL: fetch it safely ({@link org.citebot.fetch}), extract
 * the article from HTML ({@link org.citebot.extract}) or read a PDF's text, refuse what is not an
 * article, keep the page's canonical URL only where it can be trusted, and show a preview before
 * anything is added. Used by {@code citebot sources add}; platform-neutral, so the Discord command
 * can use it too.
 */
@NullMarked
package org.citebot.sources;

import org.jspecify.annotations.NullMarked;
