package org.nnj.api;

/**
 * Root of the framework's exception family. Every error the framework raises on purpose is one of
 * these, so that callers can catch "anything NNJ said" in one place.
 *
 * <p>Messages are written for the person who has to fix the problem: they name the layer (index and
 * name), the expected and the actual shapes, the config key, the file and offset, whatever applies.
 */
public class NnException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public NnException(String message) {
        super(message);
    }

    public NnException(String message, Throwable cause) {
        super(message, cause);
    }
}
