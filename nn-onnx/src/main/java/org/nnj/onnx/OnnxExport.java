package org.nnj.onnx;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Objects;
import org.nnj.core.io.AtomicFiles;
import org.nnj.core.model.Sequential;
import org.nnj.onnx.export.ModelExport;

/**
 * Writes an NNJ model as an ONNX model file, for inference in any ONNX runtime.
 *
 * <p>The file declares opset {@value #OPSET} (IR version 7) and producer {@code NNJ}. Its graph has one input,
 * {@code "input"}, of shape {@code [N, ...model.inputShape()]} with a symbolic batch dimension {@code N}, and one
 * output, {@code "output"}; the weights are initializers named as in NNJ's model files ({@code "0.weight"}).
 * What each built-in layer becomes is listed in {@code docs/ONNX.md}; a plugin exports its own layers through
 * {@link org.nnj.onnx.spi.OnnxLayerExporter}. The model is written as it infers: dropout is an Identity, batch
 * normalisation uses its running statistics.
 */
public final class OnnxExport {
    /** The opset exported models declare. */
    public static final int OPSET = 13;

    private OnnxExport() {
    }

    /**
     * Writes {@code model} with its current weights to {@code file} as an ONNX model at opset {@link #OPSET},
     * atomically (a failed export leaves no file, or the file that was there).
     *
     * @throws OnnxException when a layer has no ONNX form (the message names the layer and why)
     * @throws IOException   when the file cannot be written
     */
    public static void write(Sequential model, Path file) throws IOException {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(file, "file");
        byte[] bytes = ModelExport.of(model, OPSET, version()).toByteArray();
        AtomicFiles.write(file, channel -> {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        });
    }

    /**
     * Checks that every layer of {@code model} has an ONNX form, writing nothing: how a program refuses an
     * export before a long training run rather than after it.
     *
     * @throws OnnxException naming the first layer that has no ONNX form
     */
    public static void check(Sequential model) {
        ModelExport.of(Objects.requireNonNull(model, "model"), OPSET, version());
    }

    /** NNJ's version, from the jar's manifest or the module descriptor; a development build has neither. */
    static String version() {
        String version = OnnxExport.class.getPackage().getImplementationVersion();
        if (version == null) {
            version = OnnxExport.class.getModule().getDescriptor() == null ? null
                    : OnnxExport.class.getModule().getDescriptor().rawVersion().orElse(null);
        }
        return version == null ? "development build" : version;
    }
}
