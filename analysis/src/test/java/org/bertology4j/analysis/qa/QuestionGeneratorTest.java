package org.bertology4j.analysis.qa;

import org.bertology4j.analysis.conllu.ConlluReader;
import org.bertology4j.analysis.conllu.Document;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Each rule on small hand-written trees: the question spelled out literally, the answer, and the reasons for
 * what is skipped. Rows are "ID FORM LEMMA UPOS XPOS FEATS HEAD DEPREL MISC" (DEPS added as "_").
 */
class QuestionGeneratorTest {
    private static final String PAST = "Mood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin";

    @Test
    void subjectObjectAndTemporalObliqueOfAnActiveClause() {
        List<String> qs = questions(doc("The company bought the bridge in 1990.",
                "1 The the DET DT Definite=Def|PronType=Art 2 det _",
                "2 company company NOUN NN Number=Sing 3 nsubj _",
                "3 bought buy VERB VBD " + PAST + " 0 root _",
                "4 the the DET DT Definite=Def|PronType=Art 5 det _",
                "5 bridge bridge NOUN NN Number=Sing 3 obj _",
                "6 in in ADP IN _ 7 case _",
                "7 1990 1990 NUM CD NumForm=Digit|NumType=Card 3 obl SpaceAfter=No",
                "8 . . PUNCT . _ 3 punct _"));
        assertEquals(List.of(
                "subj: What bought the bridge in 1990? -> The company",
                "obj: What did the company buy in 1990? -> the bridge",
                "obl: When did the company buy the bridge? -> 1990"), qs);
    }

    @Test
    void passiveWithAgentAndPlace() {
        List<String> qs = questions(doc("The bridge was built by Gustave Eiffel in Paris.",
                "1 The the DET DT Definite=Def|PronType=Art 2 det Entity=(1-object",
                "2 bridge bridge NOUN NN Number=Sing 4 nsubj:pass Entity=1)",
                "3 was be AUX VBD " + PAST + " 4 aux:pass _",
                "4 built build VERB VBN Tense=Past|VerbForm=Part|Voice=Pass 0 root _",
                "5 by by ADP IN _ 6 case _",
                "6 Gustave Gustave PROPN NNP Number=Sing 4 obl:agent Entity=(2-person",
                "7 Eiffel Eiffel PROPN NNP Number=Sing 6 flat Entity=2)",
                "8 in in ADP IN _ 9 case _",
                "9 Paris Paris PROPN NNP Number=Sing 4 obl Entity=(3-place)|SpaceAfter=No",
                "10 . . PUNCT . _ 4 punct _"));
        assertEquals(List.of(
                "subj: What was built by Gustave Eiffel in Paris? -> The bridge",
                "agent: Who was the bridge built in Paris by? -> Gustave Eiffel",
                "obl: Where was the bridge built by Gustave Eiffel? -> Paris"), qs);
    }

    @Test
    void presentTenseAgreesWithTheQuestionWordAndDoSupportWithTheSubject() {
        List<String> qs = questions(doc("Researchers study languages.",
                "1 Researchers researcher NOUN NNS Number=Plur 2 nsubj _",
                "2 study study VERB VBP Mood=Ind|Number=Plur|Person=3|Tense=Pres|VerbForm=Fin 0 root _",
                "3 languages language NOUN NNS Number=Plur 2 obj SpaceAfter=No",
                "4 . . PUNCT . _ 2 punct _"));
        assertEquals(List.of(
                "subj: Who studies languages? -> Researchers",       // a person noun without entity annotation
                "obj: What do researchers study? -> languages"), qs);  // the sentence's capital undone
    }

    @Test
    void negationStaysWithItsAuxiliaryAndNumbersAskHowMany() {
        List<String> qs = questions(doc("Mary didn't sell the three old houses.",
                "1 Mary Mary PROPN NNP Number=Sing 4 nsubj Entity=(1-person)",
                "2 did do AUX VBD " + PAST + " 4 aux SpaceAfter=No",
                "3 n't not PART RB Polarity=Neg 4 advmod _",
                "4 sell sell VERB VB VerbForm=Inf 0 root _",
                "5 the the DET DT Definite=Def|PronType=Art 8 det _",
                "6 three three NUM CD NumForm=Word|NumType=Card 8 nummod _",
                "7 old old ADJ JJ Degree=Pos 8 amod _",
                "8 houses house NOUN NNS Number=Plur 4 obj SpaceAfter=No",
                "9 . . PUNCT . _ 4 punct _"));
        assertEquals(List.of(
                "subj: Who didn't sell the three old houses? -> Mary",
                "nummod: How many old houses didn't Mary sell? -> three",
                "obj: What didn't Mary sell? -> the three old houses"), qs);
    }

    @Test
    void pronounsAreNamedInQuestionsAndAnsweredByTheirEntitysMentionInTheParagraph() {
        Document d = doc2("Byron wrote poems.", new String[]{
                        "1 Byron Byron PROPN NNP Number=Sing 2 nsubj Entity=(1-person)",
                        "2 wrote write VERB VBD " + PAST + " 0 root _",
                        "3 poems poem NOUN NNS Number=Plur 2 obj Entity=(2-abstract)|SpaceAfter=No",
                        "4 . . PUNCT . _ 2 punct _"},
                "He was born in London.", new String[]{
                        "1 He he PRON PRP Case=Nom|Gender=Masc|Number=Sing|Person=3|PronType=Prs 3 nsubj:pass Entity=(1-person)",
                        "2 was be AUX VBD " + PAST + " 3 aux:pass _",
                        "3 born bear VERB VBN Tense=Past|VerbForm=Part|Voice=Pass 0 root _",
                        "4 in in ADP IN _ 5 case _",
                        "5 London London PROPN NNP Number=Sing 3 obl Entity=(3-place)|SpaceAfter=No",
                        "6 . . PUNCT . _ 3 punct _"});
        QuestionGenerator g = new QuestionGenerator(d);
        assertEquals(List.of("subj: Who wrote poems? -> Byron", "obj: What did Byron write? -> poems"), render(g.candidates(0)));
        assertEquals(List.of("subj: Who was born in London? -> Byron", "obl: Where was Byron born? -> London"), render(g.candidates(1)));
        Candidate who = g.candidates(1).get(0);
        assertEquals(0, who.answerSentence(), "the answer is the mention in the first sentence");
        assertEquals("Byron", g.text(0).substring(who.answerStart(), who.answerEnd()));
    }

    @Test
    void openComplementsAndStrandedPrepositions() {
        assertEquals(List.of("obj: What does Mary want to sell? -> the house"), questions(doc("Mary wants to sell the house.",
                "1 Mary Mary PROPN NNP Number=Sing 2 nsubj Entity=(1-person)",
                "2 wants want VERB VBZ Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin 0 root _",
                "3 to to PART TO _ 4 mark _",
                "4 sell sell VERB VB VerbForm=Inf 2 xcomp _",
                "5 the the DET DT Definite=Def|PronType=Art 6 det _",
                "6 house house NOUN NN Number=Sing 4 obj SpaceAfter=No",
                "7 . . PUNCT . _ 2 punct _")).stream().filter(q -> !q.startsWith("subj")).toList());
        assertEquals(List.of("obl: Who did Mary write to? -> John"), questions(doc("Mary wrote to John.",
                "1 Mary Mary PROPN NNP Number=Sing 2 nsubj Entity=(1-person)",
                "2 wrote write VERB VBD " + PAST + " 0 root _",
                "3 to to ADP IN _ 4 case _",
                "4 John John PROPN NNP Number=Sing 2 obl Entity=(2-person)|SpaceAfter=No",
                "5 . . PUNCT . _ 2 punct _")).stream().filter(q -> q.startsWith("obl")).toList());
    }

    @Test
    void whatCannotBeRenderedWellIsSkippedWithItsReason() {
        assertEquals(List.of("subj: " + Skip.NON_DECLARATIVE, "obj: " + Skip.NON_DECLARATIVE), reasons(doc("Did Mary sell it?",
                "1 Did do AUX VBD " + PAST + " 3 aux _",
                "2 Mary Mary PROPN NNP Number=Sing 3 nsubj Entity=(1-person)",
                "3 sell sell VERB VB VerbForm=Inf 0 root _",
                "4 it it PRON PRP Case=Acc|Gender=Neut|Number=Sing|Person=3|PronType=Prs 3 obj SpaceAfter=No",
                "5 ? ? PUNCT . _ 3 punct _")));
        assertEquals(List.of("obj: " + Skip.IMPERATIVE), reasons(doc("Sell the house.",
                "1 Sell sell VERB VB Mood=Imp|VerbForm=Fin 0 root _",
                "2 the the DET DT Definite=Def|PronType=Art 3 det _",
                "3 house house NOUN NN Number=Sing 1 obj SpaceAfter=No",
                "4 . . PUNCT . _ 1 punct _")));
        assertEquals(List.of("subj: " + Skip.PRONOUN_ANSWER, "obj: " + Skip.FIRST_SECOND_PERSON), reasons(doc("I bought the house.",
                "1 I I PRON PRP Case=Nom|Number=Sing|Person=1|PronType=Prs 2 nsubj _",
                "2 bought buy VERB VBD Mood=Ind|Number=Sing|Person=1|Tense=Past|VerbForm=Fin 0 root _",
                "3 the the DET DT Definite=Def|PronType=Art 4 det _",
                "4 house house NOUN NN Number=Sing 2 obj SpaceAfter=No",
                "5 . . PUNCT . _ 2 punct _")));
        // without coreference annotation "he" has no fuller mention, and a name without an entity type no question word
        assertEquals(List.of("subj: " + Skip.PRONOUN_ANSWER_UNRESOLVED, "obj: " + Skip.UNRESOLVED_PRONOUN), reasons(doc("He bought the house.",
                "1 He he PRON PRP Case=Nom|Gender=Masc|Number=Sing|Person=3|PronType=Prs 2 nsubj _",
                "2 bought buy VERB VBD " + PAST + " 0 root _",
                "3 the the DET DT Definite=Def|PronType=Art 4 det _",
                "4 house house NOUN NN Number=Sing 2 obj SpaceAfter=No",
                "5 . . PUNCT . _ 2 punct _")));
        assertEquals(List.of("subj: " + Skip.UNKNOWN_PROPER_NOUN), reasons(doc("Smith bought the house.",
                "1 Smith Smith PROPN NNP Number=Sing 2 nsubj _",
                "2 bought buy VERB VBD " + PAST + " 0 root _",
                "3 the the DET DT Definite=Def|PronType=Art 4 det _",
                "4 house house NOUN NN Number=Sing 2 obj SpaceAfter=No",
                "5 . . PUNCT . _ 2 punct _")).stream().filter(r -> r.startsWith("subj")).toList());
    }

    @Test
    void wordsAreAlignedToTheTextOrTheSentenceIsSkipped() {
        Document d = doc("The company bought it.",
                "1 The the DET DT Definite=Def|PronType=Art 2 det _",
                "2 company company NOUN NN Number=Sing 3 nsubj _",
                "3 purchased buy VERB VBD " + PAST + " 0 root _",   // not what the text says
                "4 it it PRON PRP Case=Acc|Gender=Neut|Number=Sing|Person=3|PronType=Prs 3 obj SpaceAfter=No",
                "5 . . PUNCT . _ 3 punct _");
        assertEquals(List.of("subj: " + Skip.UNALIGNED, "obj: " + Skip.UNALIGNED), reasons(d));
    }

    private static List<String> questions(Document d) {
        return render(new QuestionGenerator(d).candidates(0)).stream().toList();
    }

    private static List<String> reasons(Document d) {
        return new QuestionGenerator(d).candidates(0).stream()
                .map(c -> c.rule().id() + ": " + (c.generated() ? c.question() : c.skipReason())).toList();
    }

    private static List<String> render(List<Candidate> cs) {
        List<String> out = new ArrayList<>();
        for (Candidate c : cs) {
            if (!c.generated()) {
                assertNull(c.answer());
                continue;
            }
            out.add(c.rule().id() + ": " + c.question() + " -> " + c.answer());
        }
        return out;
    }

    static Document doc(String text, String... rows) {
        return parse("# newdoc id = test\n" + sentence(text, rows));
    }

    private static Document doc2(String text1, String[] rows1, String text2, String[] rows2) {
        return parse("# newdoc id = test\n# newpar\n" + sentence(text1, rows1) + sentence(text2, rows2));
    }

    private static String sentence(String text, String... rows) {
        return "# text = " + text + "\n" + java.util.Arrays.stream(rows).map(r -> {
            String[] f = r.trim().split("\\s+");
            if (f.length != 9) throw new IllegalArgumentException("9 fields expected: " + r);
            return String.join("\t", f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], "_", f[8]);
        }).collect(Collectors.joining("\n")) + "\n\n";
    }

    private static Document parse(String conllu) {
        try (ConlluReader r = new ConlluReader(new StringReader(conllu), "test.conllu", false)) {
            return r.documents().next();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
