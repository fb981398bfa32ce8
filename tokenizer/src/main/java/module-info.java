/** BERT tokenization (WordPiece) with word and character alignment; no ND4J. */
module org.bertology4j.tokenizer {
    requires com.fasterxml.jackson.databind;
    exports org.bertology4j.tokenizer;
}
