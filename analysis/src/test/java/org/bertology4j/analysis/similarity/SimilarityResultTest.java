package org.bertology4j.analysis.similarity;

import org.bertology4j.core.attribution.Quadrature;
import org.bertology4j.core.attribution.SimilarityAttribution;
import org.bertology4j.core.deeplift.Reference;
import org.bertology4j.core.embedding.EmbeddingSpec;
import org.bertology4j.core.embedding.SentenceEmbedder;
import org.bertology4j.distributed.TinyModelDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Word scores are the sums of their pieces', shares add up to Δs, every link of the page has its target, and the pair
 * view's cosines are every pair's, in the JSON file and the page.
 */
class SimilarityResultTest {
    @TempDir
    Path tmp;

    /** "The cat sat on the mat." and "A kitten sat there." on the tiny model: cosine, [PAD] reference, mean pooling. */
    static SimilarityResult catAndKitten(int igPoints) throws Exception {
        TinyModelDirectory.Loaded tiny = TinyModelDirectory.shared();
        SentenceEmbedder e = new SentenceEmbedder(tiny.model(), tiny.tokenizer(), EmbeddingSpec.plainBert(64));
        return SimilarityResult.compute("tiny", e, "The cat sat on the mat.", "A kitten sat there.",
                SimilarityAttribution.Measure.COSINE, Reference.pad(), Quadrature.gaussLegendre(igPoints), EmbeddingSpec.Role.PLAIN);
    }

    @Test
    void wordsSumTheirPiecesAndThePageLinksResolve() throws Exception {
        SimilarityResult r = catAndKitten(8);
        for (SimilarityResult.Text t : List.of(r.a(), r.b())) {
            double words = 0, pieces = 0;
            for (SimilarityResult.Unit u : t.words()) {
                double s = 0;
                for (int p : u.pieces()) s += t.deepLift()[p];
                assertEquals(s, u.deepLift(), 1e-12, u.word());
                words += u.deepLift();
            }
            for (double v : t.deepLift()) pieces += v;
            assertEquals(pieces, words, 1e-9);
        }
        assertEquals(r.deepLift().delta(), r.deepLift().a().delta() + r.deepLift().b().delta(), 1e-6);
        List<Path> files = r.write(tmp);
        assertEquals(List.of("similarity.json", "deeplift-a.png", "deeplift-b.png", "similarity.html"),
                files.stream().map(f -> f.getFileName().toString()).toList());
        String html = Files.readString(tmp.resolve("similarity.html"));
        var hrefs = java.util.regex.Pattern.compile("href=\"#([ab]-\\d+)\"").matcher(html);
        int links = 0;
        while (hrefs.find()) {
            links++;
            assertTrue(html.contains("id=\"" + hrefs.group(1) + "\""), "link to " + hrefs.group(1) + " has no target");
        }
        assertTrue(links >= 2 * (r.a().words().size() + r.b().words().size()), links + " links");

        // the pair view: every pair's cosine, the counterparts its best, the same matrix in the JSON file and the page
        double[][] cos = r.wordCosines();
        assertEquals(r.a().words().size(), cos.length);
        for (int u = 0; u < cos.length; u++) {
            assertEquals(r.b().words().size(), cos[u].length);
            SimilarityResult.Unit w = r.a().words().get(u);
            for (int k = 0; k < w.counterparts().length; k++) assertEquals(cos[u][w.counterparts()[k]], w.cosines()[k], 0.0);
            for (double c : cos[u]) assertTrue(c <= w.cosines()[0] && c >= -1 - 1e-12 && c <= 1 + 1e-12, "cosine " + c);
        }
        for (int j = 0; j < r.b().words().size(); j++) {
            SimilarityResult.Unit w = r.b().words().get(j);
            for (int k = 0; k < w.counterparts().length; k++) assertEquals(cos[w.counterparts()[k]][j], w.cosines()[k], 0.0);
        }
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        var fromFile = mapper.readTree(tmp.resolve("similarity.json").toFile()).get("word_cosines").get("values");
        var m = java.util.regex.Pattern.compile("<script type=\"application/json\" id=\"sim-cosines\">(.*?)</script>").matcher(html);
        assertTrue(m.find(), "the page has no cosines");
        var fromPage = mapper.readTree(m.group(1));
        for (int u = 0; u < cos.length; u++) {
            for (int j = 0; j < cos[u].length; j++) {
                assertEquals(cos[u][j], fromFile.get(u).get(j).asDouble(), 0.0);
                assertEquals(cos[u][j], fromPage.get(u).get(j).asDouble(), 0.0);
            }
        }
    }
}
