package org.bertology4j.cli;

import org.bertology4j.analysis.attention.AttentionResult;
import org.bertology4j.analysis.deeplift.DeepLiftResult;
import org.bertology4j.analysis.deeplift.DeepLiftTargets;
import org.bertology4j.analysis.flow.PieceFlowResult;
import org.bertology4j.analysis.maskedlm.FillMask;
import org.bertology4j.core.deeplift.Reference;
import org.bertology4j.core.flow.JacobianNorms;
import org.bertology4j.io.AtomicFiles;
import org.bertology4j.io.JsonFiles;
import org.bertology4j.tokenizer.Encoding;
import org.bertology4j.tokenizer.EncodingJson;
import org.bertology4j.tokenizer.Vocabulary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code demo}: the README's main job. Fetches the default model when missing and runs every analysis the library
 * has on built-in example sentences, writing {@code demo-out/} with an index (index.md, index.json) of what it wrote.
 * It calls library APIs only (each analysis's result and its writer; heads as the report runs it, {@link ReportAnalyses}), not other
 * commands' code paths or {@link Main#run}.
 */
@Command(name = "demo", description = "Run everything on built-in examples with the default model; writes demo-out/ and its index.")
public final class DemoCommand implements Callable<Integer> {
    @Mixin ModelOption modelOption;

    @Option(names = "--out", defaultValue = "demo-out", paramLabel = "DIR", description = "Output directory (default ${DEFAULT-VALUE}).")
    Path out;

    /** Built-in example inputs. */
    static final String SENTENCE = "The cat sat on the mat because it was tired.";
    static final String PAIR_A = "Who wrote the novel?";
    static final String PAIR_B = "The novel was written by Jane Austen in 1813.";
    static final String MASKED = "The capital of France is [MASK].";

    /** One section of the demo: a title, what it shows, and the files it wrote. */
    record Section(String title, String description, List<Path> files) {
        /** A section that wrote nothing says why in its description. */
        boolean skipped() { return files.isEmpty() && description.startsWith("Skipped"); }
    }

    /** A demo step. */
    @FunctionalInterface
    interface Step {
        Section run(LoadedModel model, Path out) throws Exception;
    }

    @Override
    public Integer call() throws Exception {
        Files.createDirectories(out);
        LoadedModel m = LoadedModel.open(modelOption);
        System.err.println("bertology4j demo: model " + m.identity());
        List<Section> sections = new ArrayList<>();
        for (Step step : steps()) {
            Section s = step.run(m, out);
            System.err.println(s.skipped() ? "  skipped: " + s.title() + " (" + s.description() + ")"
                    : "  done: " + s.title() + " (" + s.files().size() + " files)");
            sections.add(s);
            writeIndex(sections, m);
        }
        System.out.println("wrote " + out.resolve("index.md") + " (" + sections.size() + " sections)");
        return 0;
    }

    static List<Step> steps() {
        return List.of(
                (m, out) -> {
                    Path f = out.resolve("tokens.json");
                    JsonFiles.write(f, EncodingJson.of(m.tokenizer().encodePair(PAIR_A, PAIR_B)));
                    return new Section("Tokenization", "WordPiece pieces, ids, segments, offsets and word indices of a sentence pair.", List.of(f));
                },
                (m, out) -> {
                    Path f = out.resolve("fill-mask.json");
                    Map<String, Object> json = new LinkedHashMap<>(); // a fixed key order (Map.of's changes from run to run)
                    json.put("text", MASKED);
                    json.put("predictions", FillMask.predict(m.model(), m.tokenizer().vocabulary(), m.tokenizer().encode(MASKED), 10)
                            .predictions());
                    JsonFiles.write(f, json);
                    return new Section("Masked-LM predictions", "Top 10 predictions for `" + MASKED + "`.", List.of(f));
                },
                (m, out) -> new Section("Attention maps",
                        "Attention of every layer and head for `" + SENTENCE + "` (attention.npy [layers, heads, T, T], "
                                + "hidden.npy [layers+1, T, hidden], one PNG per layer).",
                        AttentionResult.compute(m.model(), m.tokenizer().encode(SENTENCE)).write(out.resolve("attention"), true)),
                (m, out) -> {
                    Encoding enc = m.tokenizer().encode(MASKED);
                    Vocabulary v = m.tokenizer().vocabulary();
                    DeepLiftResult r = DeepLiftResult.compute(m.model(), v, enc, DeepLiftTargets.parse("mlm:mask:paris", enc, v),
                            Reference.pad());
                    return new Section("DeepLIFT", String.format("Exact DeepLIFT of the masked-LM logit of `paris` in `%s` "
                            + "against a [PAD] reference: delta %.4f, completeness residual %.2e relative.", MASKED,
                            r.attribution().delta(), r.attribution().relativeResidual()), r.write(out.resolve("deeplift")));
                },
                (m, out) -> new Section("Information flow", "A_n, G_n and G*_n of every token pair of `" + SENTENCE
                        + "` (entry [n][t2][t1] = flow from t1 into t2 at layer n+1), from the hand-written backward pass.",
                        PieceFlowResult.compute(m.model(), m.tokenizer().encode(SENTENCE), JacobianNorms.Measure.ONES_VJP)
                                .write(out.resolve("flow"), true)),
                (m, out) -> {
                    Path gum = Path.of("..", "shared", "data", "ud-english-gum", "en_gum-ud-dev.conllu");
                    if (!Files.isRegularFile(gum)) {
                        return new Section("Heads as parsers", "Skipped: GUM dev not found at " + gum.toAbsolutePath()
                                + "; run `./bertology4j heads --conllu FILE --out DIR` on any CoNLL-U file.", List.of());
                    }
                    Path dir = out.resolve("heads");
                    ReportAnalyses.run("heads", m, gum, dir, 60, 0);
                    return new Section("Heads as parsers", "Clark et al. 2019 section 4.2 on the first 60 sentences of GUM dev "
                            + "(the full run: `./bertology4j heads --conllu " + gum + " --out DIR`).",
                            List.of(dir.resolve("heads.md"), dir.resolve("heads.json"), dir.resolve("heads-best-per-relation.png")));
                },
                (m, out) -> new Section("Interactive viewer",
                        "One offline HTML page for `" + MASKED + "`: head view, model view, G and G* flow, DeepLIFT of the top prediction, word-level toggle.",
                        List.of(m.view().write(out.resolve("view.html"), MASKED, null)))
        );
    }

    private void writeIndex(List<Section> sections, LoadedModel m) throws IOException {
        StringBuilder md = new StringBuilder("# bertology4j demo\n\nModel: `" + m.identity() + "`\n\n");
        List<Map<String, Object>> json = new ArrayList<>();
        for (Section s : sections) {
            md.append("## ").append(s.title()).append("\n\n").append(s.description()).append("\n\n");
            List<String> rel = new ArrayList<>();
            for (Path f : s.files()) {
                String r = out.toAbsolutePath().relativize(f.toAbsolutePath()).toString();
                rel.add(r);
                md.append("- [").append(r).append("](").append(r).append(")\n");
            }
            md.append('\n');
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("title", s.title());
            j.put("description", s.description());
            j.put("files", rel);
            json.add(j);
        }
        AtomicFiles.writeString(out.resolve("index.md"), md.toString());
        Map<String, Object> index = new LinkedHashMap<>();
        index.put("model", m.identity());
        index.put("sections", json);
        JsonFiles.write(out.resolve("index.json"), index);
    }
}
