/**
 * The example plugin as a module: it needs nn-api alone, and {@code provides} its three plugins, which
 * NNJ's registries find on the module path as they find the META-INF/services entries on the class path.
 */
module com.example.nnjplugin {
    requires transitive org.nnj.api;

    exports com.example.nnjplugin;

    provides org.nnj.api.spi.ActivationProvider with com.example.nnjplugin.SwishProvider;
    provides org.nnj.api.spi.LayerProvider with com.example.nnjplugin.ScaleShiftProvider;
    provides org.nnj.api.spi.OptimizerProvider with com.example.nnjplugin.LionProvider;
}
