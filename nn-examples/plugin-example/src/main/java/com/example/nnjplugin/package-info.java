/**
 * An example third-party plugin for NNJ, depending on nn-api alone: the {@link com.example.nnjplugin.Swish}
 * activation, the {@link com.example.nnjplugin.ScaleShift} layer and the {@link com.example.nnjplugin.Lion}
 * optimizer, each with its provider, listed in {@code META-INF/services} (class path) and in
 * {@code module-info.java} (module path).
 */
package com.example.nnjplugin;
