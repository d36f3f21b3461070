package org.nnj.api;

/** A tensor or a model has a shape that does not fit: the message says what was expected, and where. */
public class ShapeException extends NnException {
    private static final long serialVersionUID = 1L;

    public ShapeException(String message) {
        super(message);
    }

    public ShapeException(String message, Throwable cause) {
        super(message, cause);
    }
}
