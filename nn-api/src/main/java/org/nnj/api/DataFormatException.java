package org.nnj.api;

/** A data or model file is malformed: the message names the file, the offset and what was expected. */
public class DataFormatException extends NnException {
    private static final long serialVersionUID = 1L;

    public DataFormatException(String message) {
        super(message);
    }

    public DataFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
