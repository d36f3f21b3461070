package org.nnj.core.registry;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.module.FindException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.nnj.api.ProviderException;

/**
 * Plugin jars on a class loader, for NNJ running on the class path. A modular jar may declare its providers
 * in {@code module-info} alone; the class path reads only {@code META-INF/services}, so this loader also
 * offers each jar's {@code provides} as a service file of its own. {@link java.util.ServiceLoader} drops a
 * class named twice, so a jar that declares its providers both ways is found once.
 */
final class PluginClassLoader extends URLClassLoader {
    static {
        ClassLoader.registerAsParallelCapable();
    }

    /** Service file name to the extra service files (one per modular jar) that list its providers. */
    private final Map<String, List<URL>> declared;

    private PluginClassLoader(URL[] urls, ClassLoader parent, Map<String, List<URL>> declared) {
        super("nnj-plugins", urls, parent);
        this.declared = declared;
    }

    static PluginClassLoader of(List<Path> jars, ClassLoader parent) {
        URL[] urls = new URL[jars.size()];
        Map<String, List<URL>> declared = new TreeMap<>();
        for (int i = 0; i < urls.length; i++) {
            Path jar = jars.get(i);
            try {
                urls[i] = jar.toUri().toURL();
            } catch (MalformedURLException e) {
                throw new ProviderException("plugin " + jar + " has no URL: " + e.getMessage());
            }
            for (ModuleDescriptor.Provides p : provides(jar)) {
                String file = "META-INF/services/" + p.service();
                declared.computeIfAbsent(file, k -> new ArrayList<>())
                        .add(serviceFile(jar, file, String.join("\n", p.providers()) + "\n"));
            }
        }
        return new PluginClassLoader(urls, parent, declared);
    }

    /** A modular jar's {@code provides}; none for a plain jar (its service files are read as they are). */
    private static List<ModuleDescriptor.Provides> provides(Path jar) {
        try {
            for (ModuleReference m : ModuleFinder.of(jar).findAll()) {
                ModuleDescriptor d = m.descriptor();
                return d.isAutomatic() ? List.of() : new ArrayList<>(d.provides());
            }
        } catch (FindException e) {
            // Not a valid module (say a jar name no automatic module can take): on the class path that is
            // no matter, its service files still count.
        }
        return List.of();
    }

    @Override
    public Enumeration<URL> findResources(String name) throws IOException {
        List<URL> extra = declared.get(name);
        if (extra == null) {
            return super.findResources(name);
        }
        List<URL> all = Collections.list(super.findResources(name));
        all.addAll(extra);
        return Collections.enumeration(all);
    }

    /** An in-memory service file, whose URL names the jar it stands for (that is what errors show). */
    private static URL serviceFile(Path jar, String file, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        URLStreamHandler handler = new URLStreamHandler() {
            @Override
            protected URLConnection openConnection(URL url) {
                return new URLConnection(url) {
                    @Override
                    public void connect() {
                        connected = true;
                    }

                    @Override
                    public InputStream getInputStream() {
                        return new ByteArrayInputStream(bytes);
                    }
                };
            }
        };
        try {
            return new URL("nnj-module-info", null, -1, jar.toUri().getPath() + "!/" + file, handler);
        } catch (MalformedURLException e) {
            throw new ProviderException("plugin " + jar + ": " + e.getMessage());
        }
    }
}
