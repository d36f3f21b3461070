package org.nnj.api;

/** A configuration value is missing, of the wrong type, out of range, or not known to its owner. */
public class ConfigException extends NnException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
