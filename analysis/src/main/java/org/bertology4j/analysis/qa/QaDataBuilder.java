package org.bertology4j.analysis.qa;

import org.bertology4j.analysis.conllu.ConlluReader;
import org.bertology4j.analysis.conllu.Document;
import org.bertology4j.analysis.conllu.Sentence;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A SQuAD 2.0 data set from a treebank: one article per document (titled by its {@code # newdoc id}), one paragraph
 * per treebank paragraph ({@code # newpar}; the context is its sentences' texts joined by single spaces), the
 * questions of {@link QuestionGenerator} with their answers at their exact offsets, and unanswerable questions from
 * {@link UnanswerableSampler}. Question ids are {@code DOC-pP-sS-RULE-W} (paragraph and sentence numbers from 1 in
 * the document, the rule's id, the argument's word id), unanswerable ones {@code DOC-pP-no-SOURCEID}; a question
 * repeated in its paragraph is kept once. The result depends only on the documents, the seed and the share.
 */
public final class QaDataBuilder {
    /**
     * The default share of unanswerable questions, SQuAD 2.0's development set: Rajpurkar, Jia and Liang (2018, "Know
     * What You Don't Know: Unanswerable Questions for SQuAD", on building the splits) report "a roughly one-to-one
     * ratio of answerable to unanswerable questions" in the development and test sets, and roughly twice as many
     * answerable as unanswerable questions in the training set.
     */
    public static final double DEFAULT_UNANSWERABLE_SHARE = 0.5;
    /** The default seed. */
    public static final long DEFAULT_SEED = 13;

    private final long seed;
    private final double unanswerableShare;

    /**
     * @param seed              seeds the choice of unanswerable questions
     * @param unanswerableShare the share of unanswerable questions in the result, in [0, 1)
     */
    public QaDataBuilder(long seed, double unanswerableShare) {
        if (!(unanswerableShare >= 0 && unanswerableShare < 1)) {
            throw new IllegalArgumentException("the unanswerable share must be at least 0 and below 1, not " + unanswerableShare);
        }
        this.seed = seed;
        this.unanswerableShare = unanswerableShare;
    }

    /** The data set and its statistics. */
    public record Result(SquadDataset dataset, QaDataStats stats) {}

    /** Reads a CoNLL-U file strictly (errors name file and line) and builds its data set. */
    public Result build(Path conllu) throws IOException {
        return build(ConlluReader.readDocuments(conllu), conllu.getFileName().toString());
    }

    /**
     * Builds the data set of {@code documents}.
     *
     * @param source the input's name, recorded in the statistics
     */
    public Result build(List<Document> documents, String source) {
        QaDataStats stats = new QaDataStats(source, seed, unanswerableShare);
        List<QaParagraph> paragraphs = new ArrayList<>();
        List<String> titles = new ArrayList<>();
        List<Integer> firstParagraph = new ArrayList<>();
        for (int d = 0; d < documents.size(); d++) {
            Document doc = documents.get(d);
            String docId = doc.id() != null ? doc.id() : "doc" + (d + 1);
            titles.add(docId);
            firstParagraph.add(paragraphs.size());
            stats.document();
            QuestionGenerator generator = new QuestionGenerator(doc);
            int sentence = 0, number = 0;
            for (List<Sentence> par : doc.paragraphs()) {
                number++;
                QaParagraph p = paragraph(generator, d, docId + "-p" + number, sentence, par.size(), stats);
                sentence += par.size();
                paragraphs.add(p);
                stats.paragraph(!p.answerable.isEmpty());
            }
        }
        new UnanswerableSampler(unanswerableShare, seed).sample(paragraphs, stats);
        List<SquadArticle> articles = new ArrayList<>();
        for (int d = 0; d < documents.size(); d++) {
            int to = d + 1 < documents.size() ? firstParagraph.get(d + 1) : paragraphs.size();
            List<SquadParagraph> ps = new ArrayList<>();
            for (QaParagraph p : paragraphs.subList(firstParagraph.get(d), to)) ps.add(p.toSquad());
            articles.add(new SquadArticle(titles.get(d), ps));
        }
        return new Result(new SquadDataset(SquadDataset.V2, articles), stats);
    }

    private static QaParagraph paragraph(QuestionGenerator generator, int document, String id, int firstSentence,
                                         int sentences, QaDataStats stats) {
        StringBuilder context = new StringBuilder();
        int[] offsets = new int[sentences];
        for (int s = 0; s < sentences; s++) {
            stats.sentence();
            if (context.length() > 0) context.append(' ');
            offsets[s] = context.length();
            context.append(generator.text(firstSentence + s));
        }
        QaParagraph p = new QaParagraph(document, id, context.toString());
        for (int s = firstSentence; s < firstSentence + sentences; s++) {
            for (Candidate c : generator.candidates(s)) {
                if (!c.generated()) {
                    stats.skipped(c.rule(), c.skipReason());
                } else if (p.asks(c.question())) {
                    stats.skipped(c.rule(), Skip.DUPLICATE);
                } else {
                    int start = offsets[c.answerSentence() - firstSentence] + c.answerStart();
                    if (!p.context.startsWith(c.answer(), start)) {
                        throw new IllegalStateException(id + ": answer '" + c.answer() + "' is not at offset " + start);
                    }
                    String qid = id + "-s" + (c.sentence() + 1) + "-" + c.rule().id() + "-" + (c.word() + 1);
                    p.answerable.add(new QaParagraph.Generated(qid, c.question(), c.answer(), start, c.wh()));
                    stats.generated(c.rule(), c.wh());
                }
            }
        }
        return p;
    }
}
