package org.bertology4j.analysis.kovaleva;

import org.bertology4j.analysis.conllu.ConlluReader;
import org.bertology4j.analysis.conllu.Sentence;
import org.bertology4j.analysis.tasks.TaskExample;
import org.bertology4j.tokenizer.Encoding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Token-to-token links and the [CLS] categories on a hand-made sentence with hand-made attention maps. */
class TokenLinksTest {
    // "Mary told the dog she left ." : Mary (e1) subject of told, dog (e2), she (e1) subject of left
    static final String CONLLU = String.join("\n",
            "# newdoc id = d1",
            "# sent_id = s1",
            "# text = Mary told the dog she left.",
            "1\tMary\tMary\tPROPN\tNNP\t_\t2\tnsubj\t_\tEntity=(e1-person-1)",
            "2\ttold\ttell\tVERB\tVBD\t_\t0\troot\t_\t_",
            "3\tthe\tthe\tDET\tDT\t_\t4\tdet\t_\tEntity=(e2-animal-2",
            "4\tdog\tdog\tNOUN\tNN\t_\t2\tobj\t_\tEntity=e2)",
            "5\tshe\tshe\tPRON\tPRP\t_\t6\tnsubj\t_\tEntity=(e1-person-1)",
            "6\tleft\tleave\tVERB\tVBD\t_\t2\tccomp\t_\tSpaceAfter=No",
            "7\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_",
            "", "");

    static Sentence sentence(Path dir) throws Exception {
        Path f = dir.resolve("s.conllu");
        Files.writeString(f, CONLLU);
        return ConlluReader.readDocuments(f).get(0).sentences().get(0);
    }

    /** [CLS] + one piece per word + [SEP]. */
    static Encoding encoding(Sentence s) {
        int n = s.size() + 2;
        int[] wordIndex = new int[n];
        wordIndex[0] = -1;
        wordIndex[n - 1] = -1;
        for (int w = 0; w < s.size(); w++) wordIndex[w + 1] = w;
        return new Encoding(new int[n], new String[n], new int[n], new int[n], new int[n][2], wordIndex, s.forms(), false);
    }

    @Test
    void linksComeFromTheTreeAndTheCoreference(@TempDir Path dir) throws Exception {
        Sentence s = sentence(dir);
        assertEquals(List.of("1,0", "5,4"), str(TokenRelation.VERB_TO_SUBJECT.links(s)));
        assertEquals(List.of("0,1", "4,5"), str(TokenRelation.SUBJECT_TO_VERB.links(s)));
        assertEquals(List.of("4,0"), str(TokenRelation.PRONOUN_TO_NOUN.links(s)));
        assertEquals(List.of("0,4"), str(TokenRelation.NOUN_TO_PRONOUN.links(s)));
        assertEquals(List.of("4,3"), str(TokenRelation.PRONOUN_TO_OTHER_NOUN.links(s)), "dog is another entity");
    }

    private static List<String> str(List<int[]> links) {
        return links.stream().map(l -> l[0] + "," + l[1]).toList();
    }

    @Test
    void aPreviousTokenHeadFindsTheAdjacentSubjectsButNotTheDistantAntecedent(@TempDir Path dir) throws Exception {
        Sentence s = sentence(dir);
        Encoding enc = encoding(s);
        int n = enc.length();   // 9: [CLS] Mary told the dog she left . [SEP]
        double[] previous = new double[n * n], antecedent = new double[n * n];
        previous[0] = 1;
        for (int i = 1; i < n; i++) previous[i * n + i - 1] = 1;
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) antecedent[i * n + j] = 1.0 / n;
        for (int j = 0; j < n; j++) antecedent[5 * n + j] = j == 1 ? 1 : 0;   // "she" (piece 5) on "Mary" (piece 1)
        TokenLinkAttention acc = new TokenLinkAttention(1, 2);
        boolean[] special = new boolean[n];
        special[0] = special[n - 1] = true;
        acc.add(new AttentionMaps(1, 2, n, new double[][]{previous, antecedent}), ExampleWords.of(enc, TaskExample.ofSentence(s, "x")),
                special, new int[n]);
        assertEquals(2, acc.links(TokenRelation.VERB_TO_SUBJECT));
        assertEquals(2, acc.adjacentLinks(TokenRelation.VERB_TO_SUBJECT), "told-Mary and left-she are neighbours");
        assertEquals(0, acc.farExamples(TokenRelation.VERB_TO_SUBJECT));
        assertEquals(1.0, acc.scores(TokenRelation.VERB_TO_SUBJECT)[0][0], 0.0);
        assertEquals(1.0 / n, acc.scores(TokenRelation.VERB_TO_SUBJECT)[0][1], 1e-15);
        assertTrue(Double.isNaN(acc.farScores(TokenRelation.VERB_TO_SUBJECT)[0][0]));
        assertEquals(0.0, acc.scores(TokenRelation.PRONOUN_TO_NOUN)[0][0], 0.0, "she -> Mary is 4 tokens back");
        assertEquals(1.0, acc.farScores(TokenRelation.PRONOUN_TO_NOUN)[0][1], 0.0);
        assertEquals(0.0, acc.scores(TokenRelation.PRONOUN_TO_OTHER_NOUN)[0][1], 0.0, "she -> dog");
        // diagonal: every row but [CLS]'s puts 1 on the previous token
        assertEquals((n - 1.0) / n, acc.diagonal()[0][0], 1e-15);
        assertEquals(1.0, TokenToTokenStudy.spearman(new double[][]{{1, 2, 3}}, new double[][]{{0.1, 0.5, 0.9}}), 1e-15);
        assertEquals("[2, 1]", java.util.Arrays.toString(
                TokenToTokenStudy.top(new double[][]{{0.1, 0.7}}, new double[][]{{0, 0}}).stream().mapToInt(TokenToTokenStudy.HeadScore::head).toArray()));
    }

    @Test
    void clsCategoriesPartitionTheTokens(@TempDir Path dir) throws Exception {
        Sentence s = sentence(dir);
        Encoding enc = encoding(s);
        boolean[] special = new boolean[enc.length()];
        special[0] = special[enc.length() - 1] = true;
        ExampleWords words = ExampleWords.of(enc, TaskExample.ofSentence(s, "x"));
        ClsTarget[] got = new ClsTarget[enc.length()];
        for (int p = 0; p < got.length; p++) got[p] = ClsTarget.of(p, special, words);
        assertArrayEquals(new ClsTarget[]{ClsTarget.CLS, ClsTarget.NOUN, ClsTarget.VERB, ClsTarget.OTHER, ClsTarget.NOUN,
                ClsTarget.PRONOUN, ClsTarget.VERB, ClsTarget.PUNCTUATION, ClsTarget.SEP}, got);
    }
}
