package org.nnj.core.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.nnj.api.DataFormatException;
import org.nnj.api.spi.Provider;
import org.nnj.core.registry.ProviderLocation;

/**
 * A plugin a model file needs, as it was when the file was written: its kind and name, the version of its
 * config format, the provider class and where that class came from (a module or a jar). When the plugin
 * is missing at load time, the class and its source tell the user which jar to add.
 *
 * @param kind     {@code "layer"}, {@code "activation"}, {@code "loss"} or {@code "optimizer"}
 * @param name     the provider name
 * @param version  the provider's version
 * @param provider the provider's class name
 * @param source   the module or jar it was loaded from, or null when not known (a classes directory)
 */
record PluginInfo(String kind, String name, int version, String provider, String source) {

    PluginInfo {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(provider, "provider");
    }

    static PluginInfo of(String kind, Provider p) {
        return new PluginInfo(kind, p.name(), p.version(), p.getClass().getName(), sourceOf(p.getClass()));
    }

    /**
     * {@code "module org.nnj.layers"} on the module path, the jar's file name on the class path, null for a
     * directory of classes (its absolute path would say more about the machine than about the plugin).
     */
    static String sourceOf(Class<?> type) {
        Module module = type.getModule();
        if (module.isNamed()) {
            // The jar too: a plugin loaded with --plugin is known to its user by its file, not its module.
            return "module " + module.getName()
                    + module.getDescriptor().rawVersion().map(v -> "@" + v).orElse("")
                    + ProviderLocation.file(type).map(Path::getFileName).map(Path::toString)
                            .filter(f -> f.endsWith(".jar")).map(f -> " in " + f).orElse("");
        }
        try {
            var source = type.getProtectionDomain().getCodeSource();
            String location = source == null || source.getLocation() == null ? "" : source.getLocation().getPath();
            if (location.endsWith(".jar")) {
                return location.substring(location.lastIndexOf('/') + 1);
            }
        } catch (SecurityException denied) {
            // Without the location the hint still names the class.
        }
        return null;
    }

    /** For messages: {@code "com.acme.SwishProvider (from acme-nn-1.0.jar)"}. */
    String describeProvider() {
        return provider + (source == null ? "" : " (from " + source + ")");
    }

    ObjectNode toJson() {
        ObjectNode node = Json.object().put("kind", kind).put("name", name).put("version", version)
                .put("provider", provider);
        if (source != null) {
            node.put("source", source);
        }
        return node;
    }

    static ArrayNode toJson(List<PluginInfo> plugins) {
        ArrayNode a = Json.array();
        plugins.forEach(p -> a.add(p.toJson()));
        return a;
    }

    static List<PluginInfo> listFromJson(JsonNode node, String where) {
        if (!node.isArray()) {
            throw new DataFormatException(where + ": expected an array of plugins, got " + Json.describe(node));
        }
        List<PluginInfo> plugins = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode p = node.get(i);
            String at = where + "[" + i + "]";
            JsonNode source = p.get("source");
            plugins.add(new PluginInfo(Json.text(p, "kind", at), Json.text(p, "name", at),
                    Json.version(p, at), Json.text(p, "provider", at),
                    source == null || !source.isTextual() ? null : source.textValue()));
        }
        return plugins;
    }
}
