/**
 * Composing NNJ with Guice, and without it: an application's own layer ({@link
 * org.nnj.examples.guice.ScaleLayerProvider}) added through a {@code MapBinder} in {@link
 * org.nnj.examples.guice.UserModule}, which also replaces the backend, and the same model built with
 * plain Java in {@link org.nnj.examples.guice.GuiceExample}.
 */
package org.nnj.examples.guice;
