package org.bertology4j.analysis.coref;

import org.bertology4j.corpus.CorpusRunner;
import org.bertology4j.io.AtomicFiles;
import org.bertology4j.io.JsonFiles;
import org.bertology4j.plot.HeadPlots;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Clark et al. 4.3, attention heads as coreference resolvers on CorefUD-style CoNLL-U (GUM): run the job of
 * {@link org.bertology4j.distributed.CorpusAnalyses#coref()} with {@link CorpusRunner}, then {@link #write} the
 * result files.
 */
public final class CorefStudy {
    private CorefStudy() {}

    /** Writes coref.json, coref.md (Table 2 layout, after the run note) and the per-head heatmap. */
    public static List<Path> write(CorpusRunner.Result<CorefAccumulator> r, Path out, boolean plots) throws IOException {
        CorefAccumulator acc = r.accumulator();
        List<Path> written = new ArrayList<>();
        Path jp = out.resolve("coref.json");
        JsonFiles.write(jp, acc.resultJson());
        written.add(jp);
        Path md = out.resolve("coref.md");
        AtomicFiles.writeString(md, "# Attention heads and coreference (Clark et al. 2019, Table 2 layout)\n\n"
                + note(r) + "\n" + acc.toMarkdown());
        written.add(md);
        long total = 0;
        for (MentionType t : MentionType.values()) total += acc.mentions(t);
        if (plots && total > 0) {
            double[][] v = new double[acc.layers()][acc.heads()];
            for (int l = 0; l < acc.layers(); l++)
                for (int h = 0; h < acc.heads(); h++) v[l][h] = acc.headAccuracy(l, h, null);
            Path png = out.resolve("coref-heads.png");
            HeadPlots.layerHeadHeatmap(png, "Antecedent accuracy per head (all mentions)", v);
            written.add(png);
        }
        return written;
    }

    /** The run note of coref.md. */
    public static String note(CorpusRunner.Result<CorefAccumulator> r) {
        int maxPieces = r.job().maxPieces();
        if (r.distributed()) return r.distributedNote(r.accumulator().segments() + " segments, segments of at most " + maxPieces + " pieces");
        return String.format(Locale.ROOT, "Model: %s. Input: %s (%d documents). Segments of at most %d pieces. Malformed "
                        + "sentences skipped: %d. Run time this session: %.0f s, forward passes %.0f s (%.0f%%).%n",
                r.model(), r.job().corpus(), r.units(), maxPieces, r.malformed(), r.seconds(), r.engine().seconds(), r.enginePercent());
    }
}
