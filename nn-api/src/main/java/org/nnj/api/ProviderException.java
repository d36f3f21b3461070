package org.nnj.api;

/**
 * A plugin cannot be found or cannot be loaded: an unknown provider name (the message lists the known
 * ones), two providers claiming one name (the message names both classes and their jars), or a provider
 * that failed to initialise.
 */
public class ProviderException extends NnException {
    private static final long serialVersionUID = 1L;

    public ProviderException(String message) {
        super(message);
    }

    public ProviderException(String message, Throwable cause) {
        super(message, cause);
    }
}
