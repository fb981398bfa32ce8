package org.bertology4j.analysis.tasks;

import org.bertology4j.analysis.conllu.ConlluReader;
import org.bertology4j.analysis.conllu.Document;
import org.bertology4j.analysis.conllu.Sentence;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

/**
 * Two offline tasks built from the GUM treebank, with document-disjoint splits (GUM train → train,
 * GUM dev → dev). GUM splits a few long documents between its train and dev files (4 in GUM 2.x: court_loan,
 * essay_evolved, letter_arendt, podcast_wrestling); their training parts are dropped so that no document is on both sides:
 * <ul>
 *   <li>{@code gum-genre}: the genre ({@code # meta::genre}) of the document a sentence comes from;</li>
 *   <li>{@code gum-next}: is sentence B the sentence that follows A? For each sentence A with a successor,
 *       a seeded coin chooses the true successor (label {@code next}) or another sentence of the same
 *       document that is neither A nor its successor (label {@code other}).</li>
 * </ul>
 */
public final class GumTasks {
    public static final String TRAIN = "en_gum-ud-train.conllu", DEV = "en_gum-ud-dev.conllu";

    private GumTasks() {}

    /** Sentence genre classification; labels are the genres of the training documents, sorted. */
    public static ClassificationTask genre(Path gumDir) throws IOException {
        List<Document> dev = read(gumDir, DEV), train = disjoint(read(gumDir, TRAIN), dev);
        TreeSet<String> genres = new TreeSet<>();
        for (Document d : train) genres.add(genreOf(d, gumDir.resolve(TRAIN)));
        List<String> labels = List.copyOf(genres);
        return new ClassificationTask("gum-genre", labels, false, genreExamples(train, labels, gumDir.resolve(TRAIN)),
                genreExamples(dev, labels, gumDir.resolve(DEV)));
    }

    private static List<TaskExample> genreExamples(List<Document> docs, List<String> labels, Path file) {
        List<TaskExample> out = new ArrayList<>();
        for (Document d : docs) {
            String g = genreOf(d, file);
            if (!labels.contains(g)) {
                throw new IllegalArgumentException(file + ": document " + d.id() + " has genre '" + g
                        + "' which no training document has");
            }
            for (Sentence s : d.sentences()) out.add(TaskExample.ofSentence(s, g));
        }
        return out;
    }

    private static String genreOf(Document d, Path file) {
        String g = d.genre();
        if (g == null || g.isBlank()) throw new IllegalArgumentException(file + ": document " + d.id() + " has no '# meta::genre' comment");
        return g;
    }

    /** Next-sentence task; negatives come from the same document. */
    public static ClassificationTask nextSentence(Path gumDir, long seed) throws IOException {
        List<String> labels = List.of("other", "next");
        List<Document> dev = read(gumDir, DEV);
        return new ClassificationTask("gum-next", labels, true, pairs(disjoint(read(gumDir, TRAIN), dev), seed),
                pairs(dev, seed + 1));
    }

    static List<TaskExample> pairs(List<Document> docs, long seed) {
        Random r = new Random(seed);
        List<TaskExample> out = new ArrayList<>();
        for (Document d : docs) {
            List<Sentence> s = d.sentences();
            if (s.size() < 3) continue; // no negative possible
            for (int i = 0; i + 1 < s.size(); i++) {
                if (r.nextBoolean()) {
                    out.add(TaskExample.ofPair(s.get(i), s.get(i + 1), "next"));
                } else {
                    int j;
                    do { j = r.nextInt(s.size()); } while (j == i || j == i + 1);
                    out.add(TaskExample.ofPair(s.get(i), s.get(j), "other"));
                }
            }
        }
        return out;
    }

    /** The training documents whose id does not occur in dev. */
    static List<Document> disjoint(List<Document> train, List<Document> dev) {
        java.util.Set<String> devIds = new java.util.HashSet<>();
        for (Document d : dev) devIds.add(d.id());
        return train.stream().filter(d -> !devIds.contains(d.id())).toList();
    }

    private static List<Document> read(Path gumDir, String name) throws IOException {
        Path f = gumDir.resolve(name);
        if (!Files.isRegularFile(f)) throw new IOException("GUM file " + f + " not found (give the GUM directory with --gum)");
        return ConlluReader.readDocuments(f);
    }
}
