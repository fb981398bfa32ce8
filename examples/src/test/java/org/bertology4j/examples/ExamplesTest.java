package org.bertology4j.examples;

import org.bertology4j.analysis.conllu.GumData;
import org.bertology4j.distributed.TinyModelDirectory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each example's main on a tiny random model (BERT-base's vocabulary): it runs and prints what it says it does. */
class ExamplesTest {
    @TempDir
    static Path tmp;
    static String model;

    @BeforeAll
    static void tinyModel() throws Exception {
        model = TinyModelDirectory.write(tmp.resolve("tiny"), 5).toString();
    }

    interface Main { void run() throws Exception; }

    static String stdout(Main main) throws Exception {
        PrintStream before = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            main.run();
        } finally {
            System.setOut(before);
        }
        String out = buf.toString(StandardCharsets.UTF_8);
        before.print(out);
        return out;
    }

    @Test
    void wordLevelAttentionPrintsOneLinePerWord() throws Exception {
        String out = stdout(() -> WordLevelAttention.main(new String[]{model}));
        assertEquals(7, out.lines().count(), out);
        assertTrue(out.startsWith("The"), out);
    }

    @Test
    void deepLiftAddsUpInEveryLayer() throws Exception {
        String out = stdout(() -> DeepLiftPerLayer.main(new String[]{model}));
        Matcher m = Pattern.compile("relative residual (\\S+)").matcher(out);
        assertTrue(m.find(), out);
        assertTrue(Double.parseDouble(m.group(1)) < 1e-3, "residual " + m.group(1));
        assertEquals(3, out.lines().filter(l -> l.startsWith("h_")).count(), "h_0 .. h_2 of the 2-layer model");
    }

    @Test
    void jacobianFlowPrintsEveryLayer() throws Exception {
        String out = stdout(() -> JacobianFlow.main(new String[]{model}));
        assertEquals(1 + 2, out.lines().count(), out);
    }

    @Test
    void headsOnTreebankWritesItsResults() throws Exception {
        Path out = tmp.resolve("heads");
        String printed = stdout(() -> HeadsOnTreebank.main(new String[]{GumData.dev().toString(), out.toString(), model}));
        assertTrue(printed.contains("det    best head"), printed);
        assertTrue(Files.isRegularFile(out.resolve("heads.json")) && Files.isRegularFile(out.resolve("heads.md")));
    }

    @Test
    void oneInputFilesWritesEveryResultAndThePage() throws Exception {
        Path out = tmp.resolve("one-input");
        String printed = stdout(() -> OneInputFiles.main(new String[]{out.toString(), model}));
        for (String f : new String[]{"attention/attention.npy", "attention/attention-layer02.png", "flow/Gstar.npy",
                "flow/G.png", "deeplift/deeplift.json", "view.html"}) {
            assertTrue(Files.isRegularFile(out.resolve(f)), f);
            assertTrue(printed.contains("wrote " + out.resolve(f)), printed);
        }
        Matcher m = Pattern.compile("relative residual (\\S+)\\)").matcher(printed);
        assertTrue(m.find(), printed);
        assertTrue(Double.parseDouble(m.group(1)) < 1e-3, "residual " + m.group(1));
    }

    @Test
    void threadedBatchesPrintEverySentenceOnce() throws Exception {
        String out = stdout(() -> ThreadedBatches.main(new String[]{model}));
        assertEquals(8, out.lines().count(), out);
        assertTrue(out.contains("Paris is the capital of France."), out);
    }
}
