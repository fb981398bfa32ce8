package org.bertology4j.tokenizer;

/** A vocabulary or tokenizer configuration file is missing, malformed or unsupported; the message names it. */
public class TokenizerConfigException extends RuntimeException {

    public TokenizerConfigException(String message) {
        super(message);
    }

    public TokenizerConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
