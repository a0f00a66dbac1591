package org.citebot.bench;

/**
 * What a first start in hybrid mode costs on the seed corpus: loading the model, then embedding
 * every seed passage into an empty cache while indexing.
 *
 * @param modelLoadMillis loading the model (once per process)
 * @param passages seed passages embedded
 * @param indexMillis indexing the seeds with their embeddings, from an empty index and cache
 * @param heapBytes heap held after a full GC with the model loaded and the seeds indexed
 */
public record SemanticStart(double modelLoadMillis, int passages, double indexMillis, long heapBytes) {}
