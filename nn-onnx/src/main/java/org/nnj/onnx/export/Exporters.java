package org.nnj.onnx.export;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.nnj.api.layer.Layer;
import org.nnj.onnx.OnnxException;
import org.nnj.onnx.spi.OnnxLayerExporter;

/**
 * Which exporter writes a layer: the built-in layers' own, then the plugins' {@link OnnxLayerExporter}s that
 * {@link ServiceLoader} finds beside nn-onnx, in the thread's context class loader and in the class loader of
 * the layer's class (a plugin jar loaded at run time). Layers of type {@code "activation"} are looked up by the
 * activation they apply (their config's {@code function}).
 */
final class Exporters {
    private static final System.Logger LOG = System.getLogger("org.nnj.onnx");
    /** The layer type of nn-layers' activation layer, whose config names the activation. */
    static final String ACTIVATION_LAYER = "activation";

    private final Map<String, OnnxLayerExporter> builtIn = new LinkedHashMap<>();

    private Exporters() {
        List<OnnxLayerExporter> all = new ArrayList<>(List.of(new DenseExporter(), new Conv2dExporter(),
                PoolExporter.max(), PoolExporter.average(), new BatchNormExporter(), new FlattenExporter(),
                new DropoutExporter(), new GeluExporter(), new SoftplusExporter(), new Pad2dExporter()));
        all.addAll(List.of(OperatorExporter.all()));
        for (OnnxLayerExporter e : all) {
            builtIn.put(e.type(), e);
        }
    }

    /** The built-in exporters and those the plugins provide. */
    static Exporters standard() {
        return new Exporters();
    }

    /** The name exporters are looked up by: the layer's type, or the activation an activation layer applies. */
    static String key(Layer layer) {
        return ACTIVATION_LAYER.equals(layer.type()) && layer.config().has("function")
                ? layer.config().getString("function") : layer.type();
    }

    /** The exporter for {@code layer}, if there is one. */
    Optional<OnnxLayerExporter> find(Layer layer) {
        String key = key(layer);
        OnnxLayerExporter e = builtIn.get(key);
        if (e != null) {
            return Optional.of(e);
        }
        List<OnnxLayerExporter> found = new ArrayList<>();
        for (ClassLoader loader : loaders(layer)) {
            for (OnnxLayerExporter candidate : load(loader)) {
                if (key.equals(candidate.type())
                        && found.stream().noneMatch(f -> f.getClass() == candidate.getClass())) {
                    found.add(candidate);
                }
            }
        }
        if (found.size() > 1) {
            throw new OnnxException("two ONNX exporters for '" + key + "': " + found.get(0).getClass().getName()
                    + " and " + found.get(1).getClass().getName() + "; keep one of them on the class path");
        }
        return found.stream().findFirst();
    }

    private static List<ClassLoader> loaders(Layer layer) {
        List<ClassLoader> loaders = new ArrayList<>();
        for (ClassLoader l : new ClassLoader[] {Exporters.class.getClassLoader(),
            Thread.currentThread().getContextClassLoader(), layer.getClass().getClassLoader()}) {
            if (l != null && !loaders.contains(l)) {
                loaders.add(l);
            }
        }
        return loaders;
    }

    /** The exporters {@code loader} sees; one that cannot be loaded is skipped with a warning. */
    private static List<OnnxLayerExporter> load(ClassLoader loader) {
        List<OnnxLayerExporter> exporters = new ArrayList<>();
        Iterator<OnnxLayerExporter> it = ServiceLoader.load(OnnxLayerExporter.class, loader).iterator();
        for (int failures = 0; failures < 100; ) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                exporters.add(it.next());
            } catch (ServiceConfigurationError | LinkageError e) {
                failures++;
                LOG.log(Level.WARNING, "skipped an ONNX exporter that cannot be loaded: " + e);
            }
        }
        return exporters;
    }
}
