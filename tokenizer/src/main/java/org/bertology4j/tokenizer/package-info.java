/**
 * BERT's tokenization, equal to google-research/bert's {@code tokenization.py} and Hugging Face's
 * {@code BertTokenizer}, with the alignment of every word piece to its word and characters. No ND4J.
 *
 * <p>Entry points: {@link org.bertology4j.tokenizer.BertTokenizer} ({@code fromModelDirectory}, {@code encode} of a
 * text or a pair, or of pre-split words as treebanks give them) returning an {@link org.bertology4j.tokenizer.Encoding}
 * (ids, pieces, segments, attention mask, character offsets, piece-to-word index). The stages are usable alone:
 * {@link org.bertology4j.tokenizer.BasicTokenizer} (cleaning, lower-casing and accent stripping, punctuation and CJK
 * splits), {@link org.bertology4j.tokenizer.WordPiece} (greedy longest-match-first), and the
 * {@link org.bertology4j.tokenizer.Vocabulary} read from {@code vocab.txt} or {@code tokenizer.json}. Bad files raise
 * {@link org.bertology4j.tokenizer.TokenizerConfigException} naming file and line; inputs over the length limit
 * raise {@link org.bertology4j.tokenizer.InputTooLongException} unless a {@link org.bertology4j.tokenizer.Truncation}
 * allows cutting them. {@link org.bertology4j.tokenizer.Utf8Lines} reads any line-oriented text file as strict UTF-8
 * whatever the locale (the project's readers of vocabularies and corpora use it); a byte that is not UTF-8 raises
 * {@link org.bertology4j.tokenizer.TextEncodingException} naming file and line.
 */
package org.bertology4j.tokenizer;
