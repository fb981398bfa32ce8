package org.bertology4j.tokenizer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * WordPiece vocabulary: a bijection between tokens and ids 0..size-1.
 *
 * <p>Loaded from a BERT {@code vocab.txt} (one token per line, id = 0-based line number) or from the
 * {@code model.vocab} of a Hugging Face {@code tokenizer.json} ({@link TokenizerJson}).
 */
public final class Vocabulary {

    public static final String CLS = "[CLS]";
    public static final String SEP = "[SEP]";
    public static final String PAD = "[PAD]";
    public static final String MASK = "[MASK]";
    public static final String UNK = "[UNK]";

    private final List<String> tokens;
    private final Map<String, Integer> ids;
    private final String unkToken;

    private Vocabulary(List<String> tokens, Map<String, Integer> ids, String unkToken) {
        this.tokens = tokens;
        this.ids = ids;
        this.unkToken = unkToken;
    }

    /**
     * A vocabulary whose id i is {@code tokens.get(i)}.
     *
     * @param unkToken the unknown token (must be in the vocabulary)
     * @throws IllegalArgumentException for duplicates or a missing unknown token
     */
    public static Vocabulary of(List<String> tokens, String unkToken) {
        Map<String, Integer> ids = new HashMap<>(tokens.size() * 2);
        for (int i = 0; i < tokens.size(); i++) {
            String t = Objects.requireNonNull(tokens.get(i), "token " + i);
            Integer previous = ids.putIfAbsent(t, i);
            if (previous != null) {
                throw new IllegalArgumentException("duplicate token '" + t + "' at ids " + previous + " and " + i);
            }
        }
        if (!ids.containsKey(unkToken)) {
            throw new IllegalArgumentException("unknown token '" + unkToken + "' is not in the vocabulary");
        }
        return new Vocabulary(Collections.unmodifiableList(new ArrayList<>(tokens)), ids, unkToken);
    }

    /** {@link #of(List, String)} with {@code [UNK]}. */
    public static Vocabulary of(List<String> tokens) {
        return of(tokens, UNK);
    }

    /**
     * Reads a BERT {@code vocab.txt}: UTF-8, one token per line, id = line number - 1. Line ends (\n or \r\n) are
     * removed, nothing else (as Hugging Face does; a token may contain spaces).
     *
     * @throws TokenizerConfigException naming the file and line for an empty file, an empty line, a duplicate token,
     *                                  invalid UTF-8 or a missing [UNK]
     */
    public static Vocabulary fromVocabTxt(Path file) {
        List<String> tokens = new ArrayList<>();
        Map<String, Integer> ids = new HashMap<>();
        try (Utf8Lines reader = Utf8Lines.open(file)) {
            String line;
            int lineNo = 0;
            while ((line = reader.next()) != null) {
                lineNo++;
                if (line.isEmpty()) {
                    throw new TokenizerConfigException(file + " line " + lineNo + ": empty token");
                }
                Integer previous = ids.putIfAbsent(line, tokens.size());
                if (previous != null) {
                    throw new TokenizerConfigException(file + " line " + lineNo + ": duplicate token '" + line
                            + "' (first on line " + (previous + 1) + ")");
                }
                tokens.add(line);
            }
        } catch (TextEncodingException e) {
            throw new TokenizerConfigException(e.getMessage(), e);
        } catch (IOException e) {
            throw new TokenizerConfigException("cannot read vocabulary " + file + ": " + e, e);
        }
        if (tokens.isEmpty()) {
            throw new TokenizerConfigException(file + ": empty vocabulary file");
        }
        if (!ids.containsKey(UNK)) {
            throw new TokenizerConfigException(file + ": no " + UNK + " token");
        }
        return new Vocabulary(Collections.unmodifiableList(tokens), ids, UNK);
    }

    /** The vocabulary of a Hugging Face WordPiece {@code tokenizer.json}; see {@link TokenizerJson#read(Path)}. */
    public static Vocabulary fromTokenizerJson(Path file) {
        return TokenizerJson.read(file).vocabulary();
    }

    /** Number of tokens. */
    public int size() {
        return tokens.size();
    }

    /** All tokens in id order (unmodifiable). */
    public List<String> tokens() {
        return tokens;
    }

    public boolean contains(String token) {
        return ids.containsKey(token);
    }

    /** The id of {@code token}, if present. */
    public OptionalInt find(String token) {
        Integer id = ids.get(token);
        return id == null ? OptionalInt.empty() : OptionalInt.of(id);
    }

    /**
     * The id of {@code token}.
     *
     * @throws IllegalArgumentException if the token is not in the vocabulary
     */
    public int id(String token) {
        Integer id = ids.get(token);
        if (id == null) {
            throw new IllegalArgumentException("token '" + token + "' is not in the vocabulary (size " + size() + ")");
        }
        return id;
    }

    /** Package-private fast path for WordPiece: id or -1. */
    int idOrMinusOne(String token) {
        Integer id = ids.get(token);
        return id == null ? -1 : id;
    }

    /**
     * The token with this id.
     *
     * @throws IllegalArgumentException if the id is outside [0, size)
     */
    public String token(int id) {
        if (id < 0 || id >= tokens.size()) {
            throw new IllegalArgumentException("id " + id + " is outside the vocabulary [0, " + tokens.size() + ")");
        }
        return tokens.get(id);
    }

    /** The unknown token ({@code [UNK]} unless a tokenizer.json says otherwise). */
    public String unkToken() {
        return unkToken;
    }

    public int unkId() {
        return id(unkToken);
    }

    public int clsId() {
        return id(CLS);
    }

    public int sepId() {
        return id(SEP);
    }

    public int padId() {
        return id(PAD);
    }

    public int maskId() {
        return id(MASK);
    }
}
