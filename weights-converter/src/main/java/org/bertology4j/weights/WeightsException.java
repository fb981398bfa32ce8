package org.bertology4j.weights;

/** A problem with weight files: missing or corrupt file, missing tensor, bad shape or dtype. The message names the file and tensor. */
public class WeightsException extends RuntimeException {
    public WeightsException(String message) { super(message); }
    public WeightsException(String message, Throwable cause) { super(message, cause); }
}
