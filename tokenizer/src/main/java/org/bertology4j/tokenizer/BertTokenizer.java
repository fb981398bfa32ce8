package org.bertology4j.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * BERT input encoding: basic tokenizer + WordPiece + {@code [CLS] A [SEP] (B [SEP])}, with the alignment of every
 * piece to its word and to its characters.
 *
 * <p>Alignment: {@link Encoding#offsets()} are UTF-16 [start, end) indices into the segment's own text (for
 * {@code encodePair(a, b)} the second segment's offsets index {@code b}); for pre-split words the text is the words
 * joined by single spaces. {@link Encoding#wordIndex()} numbers words across both segments; {@code [CLS]} and
 * {@code [SEP]} have word -1 and offsets [0, 0]. Instances are immutable and thread-safe.
 */
public final class BertTokenizer {

    /** BERT-base's position limit. */
    public static final int DEFAULT_MAX_LENGTH = 512;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Vocabulary vocabulary;
    private final BasicTokenizer basicTokenizer;
    private final WordPiece wordPiece;
    private final int maxLength;

    /**
     * @param maxLength default length limit (pieces including [CLS]/[SEP])
     */
    public BertTokenizer(BasicTokenizer basicTokenizer, WordPiece wordPiece, int maxLength) {
        this.basicTokenizer = Objects.requireNonNull(basicTokenizer, "basicTokenizer");
        this.wordPiece = Objects.requireNonNull(wordPiece, "wordPiece");
        this.vocabulary = wordPiece.vocabulary();
        if (maxLength < 3) {
            throw new IllegalArgumentException("maxLength must be at least 3, got " + maxLength);
        }
        this.maxLength = maxLength;
        // fail at construction, not at the first encode, if the specials are missing
        vocabulary.clsId();
        vocabulary.sepId();
    }

    /** From a BERT vocab.txt; {@code lowerCase} also strips accents (uncased models), as tokenization.py. */
    public static BertTokenizer fromVocabTxt(Path vocabTxt, boolean lowerCase) {
        Vocabulary v = Vocabulary.fromVocabTxt(vocabTxt);
        return new BertTokenizer(new BasicTokenizer(lowerCase), new WordPiece(v), DEFAULT_MAX_LENGTH);
    }

    /** From a Hugging Face tokenizer.json with a WordPiece model and a BertNormalizer. */
    public static BertTokenizer fromTokenizerJson(Path tokenizerJson) {
        TokenizerJson t = TokenizerJson.read(tokenizerJson);
        return new BertTokenizer(t.basicTokenizer(), t.wordPiece(), DEFAULT_MAX_LENGTH);
    }

    /**
     * From a model directory: {@code vocab.txt} with the options of {@code tokenizer_config.json} when present
     * ({@code do_lower_case}, default true; {@code strip_accents}, default = do_lower_case;
     * {@code tokenize_chinese_chars}, default true; {@code model_max_length} when a real limit), otherwise
     * {@code tokenizer.json}.
     *
     * @throws TokenizerConfigException if the directory has neither file or a file is malformed
     */
    public static BertTokenizer fromModelDirectory(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new TokenizerConfigException("model directory " + dir + " does not exist or is not a directory");
        }
        Path vocabTxt = dir.resolve("vocab.txt");
        Path tokenizerJson = dir.resolve("tokenizer.json");
        if (Files.isRegularFile(vocabTxt)) {
            Path configFile = dir.resolve("tokenizer_config.json");
            boolean lower = true;
            Boolean strip = null;
            boolean chinese = true;
            int maxLength = DEFAULT_MAX_LENGTH;
            if (Files.isRegularFile(configFile)) {
                JsonNode config;
                try {
                    config = MAPPER.readTree(configFile.toFile());
                } catch (IOException e) {
                    throw new TokenizerConfigException(configFile + ": cannot read JSON: " + e.getMessage(), e);
                }
                lower = TokenizerJson.bool(config, "do_lower_case", true, configFile.toString());
                if (config.hasNonNull("strip_accents")) {
                    strip = TokenizerJson.bool(config, "strip_accents", lower, configFile.toString());
                }
                chinese = TokenizerJson.bool(config, "tokenize_chinese_chars", true, configFile.toString());
                JsonNode m = config.path("model_max_length");
                // HF writes a huge sentinel (1e30) when there is no limit
                if (m.isNumber() && m.asDouble() >= 3 && m.asDouble() <= 1_000_000) {
                    maxLength = m.asInt();
                }
            }
            Vocabulary v = Vocabulary.fromVocabTxt(vocabTxt);
            BasicTokenizer basic = new BasicTokenizer(lower, strip == null ? lower : strip, chinese, true);
            return new BertTokenizer(basic, new WordPiece(v), maxLength);
        }
        if (Files.isRegularFile(tokenizerJson)) {
            return fromTokenizerJson(tokenizerJson);
        }
        throw new TokenizerConfigException("model directory " + dir + " has neither vocab.txt nor tokenizer.json");
    }

    /** The same tokenizer with another default length limit. */
    public BertTokenizer withMaxLength(int newMaxLength) {
        return new BertTokenizer(basicTokenizer, wordPiece, newMaxLength);
    }

    /** The same tokenizer with another WordPiece word-length limit (tokenization.py uses 200). */
    public BertTokenizer withMaxInputCharsPerWord(int maxInputCharsPerWord) {
        return new BertTokenizer(basicTokenizer,
                new WordPiece(vocabulary, wordPiece.continuingSubwordPrefix(), maxInputCharsPerWord), maxLength);
    }

    /** The vocabulary. */
    public Vocabulary vocabulary() { return vocabulary; }

    /** The first stage: cleaning, casing, punctuation and CJK splits. */
    public BasicTokenizer basicTokenizer() { return basicTokenizer; }

    /** The second stage: words to pieces. */
    public WordPiece wordPiece() { return wordPiece; }

    /** Default length limit (pieces including [CLS]/[SEP]). */
    public int maxLength() { return maxLength; }

    /** The WordPiece strings of {@code text}, without added [CLS]/[SEP]; specials written in the text ("[MASK]") stay whole. */
    public List<String> tokenize(String text) {
        return segmentOfText(text).pieces();
    }

    /** {@code [CLS] text [SEP]}; words are the basic tokens. Throws {@link InputTooLongException} over the limit. */
    public Encoding encode(String text) {
        return encode(text, maxLength, Truncation.NONE);
    }

    /** {@code [CLS] text [SEP]} limited to {@code maxLength} pieces using {@code truncation}. */
    public Encoding encode(String text, int maxLength, Truncation truncation) {
        return assemble(segmentOfText(text), null, maxLength, truncation);
    }

    /** {@code [CLS] a [SEP] b [SEP]}, segment ids 0 then 1. */
    public Encoding encodePair(String a, String b) {
        return encodePair(a, b, maxLength, Truncation.NONE);
    }

    public Encoding encodePair(String a, String b, int maxLength, Truncation truncation) {
        return assemble(segmentOfText(a), segmentOfText(b), maxLength, truncation);
    }

    /**
     * Pre-split words (e.g. CoNLL-U forms): each word goes through the basic tokenizer and WordPiece on its own and
     * all its pieces carry its index. A word that yields no piece at all (only control or zero-width characters)
     * becomes one unknown piece, so that every word stays aligned. Offsets index the words joined by single spaces.
     */
    public Encoding encodeWords(List<String> words) {
        return encodeWords(words, maxLength, Truncation.NONE);
    }

    public Encoding encodeWords(List<String> words, int maxLength, Truncation truncation) {
        return assemble(segmentOfWords(words), null, maxLength, truncation);
    }

    /** A pair of pre-split word sequences; words are numbered across both. */
    public Encoding encodeWordPair(List<String> a, List<String> b) {
        return encodeWordPair(a, b, maxLength, Truncation.NONE);
    }

    public Encoding encodeWordPair(List<String> a, List<String> b, int maxLength, Truncation truncation) {
        return assemble(segmentOfWords(a), segmentOfWords(b), maxLength, truncation);
    }

    /** Ids of pieces. @throws IllegalArgumentException naming a piece that is not in the vocabulary */
    public int[] idsOf(List<String> pieces) {
        int[] ids = new int[pieces.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = vocabulary.id(pieces.get(i));
        }
        return ids;
    }

    /** Pieces of ids. @throws IllegalArgumentException naming an id outside the vocabulary */
    public List<String> piecesOf(int[] ids) {
        List<String> out = new ArrayList<>(ids.length);
        for (int id : ids) {
            out.add(vocabulary.token(id));
        }
        return out;
    }

    /**
     * Readable text of ids: pieces joined by spaces, continuations glued to the previous piece (specials are
     * kept). Lowercasing and accent stripping cannot be undone.
     *
     * @throws IllegalArgumentException naming an id outside the vocabulary
     */
    public String decode(int[] ids) {
        String prefix = wordPiece.continuingSubwordPrefix();
        StringBuilder sb = new StringBuilder();
        for (int id : ids) {
            String t = vocabulary.token(id);
            if (sb.length() > 0 && t.startsWith(prefix) && t.length() > prefix.length()) {
                sb.append(t, prefix.length(), t.length());
            } else {
                if (sb.length() > 0) {
                    sb.append(' ');
                }
                sb.append(t);
            }
        }
        return sb.toString();
    }

    // ---------------------------------------------------------------------------------------------------------

    /** One segment before specials: its words and pieces, word indices local to the segment. */
    private record Segment(List<String> words, List<String> pieces, List<Integer> ids, List<int[]> offsets,
                           List<Integer> wordOf) {
        Segment() {
            this(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        }

        int size() {
            return pieces.size();
        }

        void add(WordPiece.Piece p, int start, int end, int word) {
            pieces.add(p.text());
            ids.add(p.id());
            offsets.add(new int[] {start, end});
            wordOf.add(word);
        }
    }

    /** Special tokens written literally in a text ("The capital is [MASK].") stay whole, as in Hugging Face. */
    private static final java.util.regex.Pattern SPECIAL_IN_TEXT =
            java.util.regex.Pattern.compile("\\[(MASK|CLS|SEP|PAD|UNK)\\]");

    private Segment segmentOfText(String text) {
        Objects.requireNonNull(text, "text");
        Segment seg = new Segment();
        java.util.regex.Matcher m = SPECIAL_IN_TEXT.matcher(text);
        int from = 0;
        while (m.find()) {
            addBasicTokens(seg, text.substring(from, m.start()), from);
            String special = m.group();
            if (vocabulary.contains(special)) {
                int word = seg.words().size();
                seg.words().add(special);
                seg.add(new WordPiece.Piece(special, vocabulary.id(special), 0, special.length()), m.start(), m.end(), word);
            } else {
                addBasicTokens(seg, special, m.start());
            }
            from = m.end();
        }
        addBasicTokens(seg, text.substring(from), from);
        return seg;
    }

    private void addBasicTokens(Segment seg, String text, int base) {
        for (BasicToken token : basicTokenizer.tokenize(text)) {
            int word = seg.words().size();
            seg.words().add(token.text());
            addPieces(seg, base == 0 ? token : token.shifted(base), word);
        }
    }

    private Segment segmentOfWords(List<String> words) {
        Objects.requireNonNull(words, "words");
        Segment seg = new Segment();
        int base = 0;
        for (int w = 0; w < words.size(); w++) {
            String word = words.get(w);
            if (word == null) {
                throw new NullPointerException("word " + w + " is null");
            }
            seg.words().add(word);
            int before = seg.size();
            for (BasicToken token : basicTokenizer.tokenize(word)) {
                addPieces(seg, token.shifted(base), w);
            }
            if (seg.size() == before) {
                WordPiece.Piece unk = new WordPiece.Piece(vocabulary.unkToken(), vocabulary.unkId(), 0, 0);
                seg.add(unk, base, base + word.length(), w);
            }
            base += word.length() + 1;
        }
        return seg;
    }

    private void addPieces(Segment seg, BasicToken token, int word) {
        for (WordPiece.Piece p : wordPiece.split(token.text())) {
            seg.add(p, token.sourceStart(p.cpStart()), token.sourceEnd(p.cpEnd()), word);
        }
    }

    private Encoding assemble(Segment a, Segment b, int maxLength, Truncation truncation) {
        Objects.requireNonNull(truncation, "truncation");
        int specials = b == null ? 2 : 3;
        if (maxLength < specials + 1) {
            throw new IllegalArgumentException("maxLength " + maxLength + " leaves no room for pieces besides "
                    + specials + " specials");
        }
        int na = a.size();
        int nb = b == null ? 0 : b.size();
        int total = na + nb + specials;
        boolean truncated = total > maxLength;
        if (truncated) {
            int excess = total - maxLength;
            switch (truncation) {
                case NONE -> throw new InputTooLongException(total, maxLength, "truncation is NONE");
                case LONGEST_FIRST -> {
                    for (; excess > 0; excess--) {
                        if (na > nb) {
                            na--;
                        } else {
                            nb--;
                        }
                    }
                }
                case ONLY_FIRST -> {
                    if (na - excess < 1) {
                        throw new InputTooLongException(total, maxLength, "ONLY_FIRST would have to drop all "
                                + na + " pieces of the first segment");
                    }
                    na -= excess;
                }
                case ONLY_SECOND -> {
                    if (b == null) {
                        throw new InputTooLongException(total, maxLength, "ONLY_SECOND cannot truncate a single "
                                + "segment");
                    }
                    if (nb - excess < 1) {
                        throw new InputTooLongException(total, maxLength, "ONLY_SECOND would have to drop all "
                                + nb + " pieces of the second segment");
                    }
                    nb -= excess;
                }
                default -> throw new AssertionError(truncation);
            }
            if ((a.size() > 0 && na == 0) || (b != null && b.size() > 0 && nb == 0)) {
                throw new InputTooLongException(total, maxLength, truncation + " would empty a segment");
            }
        }
        int len = na + nb + specials;
        int[] ids = new int[len];
        String[] pieces = new String[len];
        int[] segmentIds = new int[len];
        int[] mask = new int[len];
        int[][] offsets = new int[len][];
        int[] wordIndex = new int[len];
        List<String> words = new ArrayList<>();

        int pos = 0;
        pos = special(Vocabulary.CLS, 0, pos, ids, pieces, segmentIds, offsets, wordIndex);
        pos = copy(a, na, 0, 0, pos, ids, pieces, segmentIds, offsets, wordIndex, words);
        pos = special(Vocabulary.SEP, 0, pos, ids, pieces, segmentIds, offsets, wordIndex);
        if (b != null) {
            pos = copy(b, nb, 1, words.size(), pos, ids, pieces, segmentIds, offsets, wordIndex, words);
            pos = special(Vocabulary.SEP, 1, pos, ids, pieces, segmentIds, offsets, wordIndex);
        }
        Arrays.fill(mask, 1);
        return new Encoding(ids, pieces, segmentIds, mask, offsets, wordIndex, List.copyOf(words), truncated);
    }

    private int special(String token, int segment, int pos, int[] ids, String[] pieces, int[] segmentIds,
                        int[][] offsets, int[] wordIndex) {
        ids[pos] = vocabulary.id(token);
        pieces[pos] = token;
        segmentIds[pos] = segment;
        offsets[pos] = new int[] {0, 0};
        wordIndex[pos] = -1;
        return pos + 1;
    }

    /** Copies the first {@code keep} pieces and the words they reach (all words when nothing was cut). */
    private static int copy(Segment seg, int keep, int segment, int wordBase, int pos, int[] ids, String[] pieces,
                            int[] segmentIds, int[][] offsets, int[] wordIndex, List<String> words) {
        for (int i = 0; i < keep; i++) {
            ids[pos] = seg.ids().get(i);
            pieces[pos] = seg.pieces().get(i);
            segmentIds[pos] = segment;
            offsets[pos] = seg.offsets().get(i).clone();
            wordIndex[pos] = wordBase + seg.wordOf().get(i);
            pos++;
        }
        int keptWords = keep == seg.size() ? seg.words().size() : (keep == 0 ? 0 : seg.wordOf().get(keep - 1) + 1);
        words.addAll(seg.words().subList(0, keptWords));
        return pos;
    }
}
