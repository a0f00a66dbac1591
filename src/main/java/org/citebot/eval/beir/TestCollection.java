package org.citebot.eval.beir;

import java.util.List;

/**
 * A relevance test collection held in memory: its documents, its queries, the judgements and how its
 * published figures average over queries. Small enough for the collections evaluated here (a few
 * thousand abstracts).
 *
 * @param name short name used in reports ({@code scifact}, {@code cacm})
 * @param averaging how the published figures for this collection average over queries
 */
public record TestCollection(
        String name,
        List<EvalDocument> documents,
        List<Topic> topics,
        RelevanceJudgements judgements,
        AveragingMode averaging) {

    public TestCollection {
        documents = List.copyOf(documents);
        topics = List.copyOf(topics);
    }
}
