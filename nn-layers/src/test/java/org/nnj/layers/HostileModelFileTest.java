package org.nnj.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnj.api.DataFormatException;
import org.nnj.api.config.Config;
import org.nnj.api.tensor.Shape;
import org.nnj.core.io.ModelFile;
import org.nnj.core.model.Sequential;
import org.nnj.core.registry.Registries;

/**
 * A model file whose architecture was edited to imply huge layers (issue 11) fails with a
 * {@link DataFormatException} naming the file, the layer and the shapes, quickly and without allocating
 * what the edit implies: the weights are checked against the file's tensors before a layer is built, and
 * the per-sample sizes a config implies are bounded.
 */
class HostileModelFileTest {
    /** What a read may allocate besides the file: registries, JSON, the model itself (a few MB at most). */
    private static final long ALLOCATION_ALLOWANCE = 48L << 20;
    private static final long TIME_LIMIT_NANOS = 2_000_000_000L;

    @TempDir
    Path dir;

    private Path good;

    @BeforeEach
    void saveASmallCnn() throws IOException {
        Sequential model = Sequential.builder(Shape.of(1, 28, 28)).registries(Registries.fromServiceLoader()).seed(3)
                .add("conv2d", Config.of("filters", 4, "kernel", 3, "padding", "same"))
                .add("relu", Config.empty())
                .add("max_pool2d", Config.of("kernel", 2))
                .add("flatten", Config.empty())
                .add("dense", Config.of("units", 16))
                .add("relu", Config.empty())
                .add("dense", Config.of("units", 10))
                .build();
        good = dir.resolve("good.safetensors");
        ModelFile.save(good, model);
        ModelFile.read(good); // so that the time measured is the read's, not the loading of classes
    }

    /** The good file with {@code from} replaced by {@code to} once in its header (the architecture's JSON). */
    private Path edited(String from, String to) throws IOException {
        byte[] bytes = Files.readAllBytes(good);
        int n = (int) ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong();
        String header = new String(bytes, 8, n, StandardCharsets.UTF_8);
        String escapedFrom = from.replace("\"", "\\\"");
        assertEquals(1, header.split(java.util.regex.Pattern.quote(escapedFrom), -1).length - 1,
                "the header holds " + from + " once: " + header);
        byte[] json = header.replace(escapedFrom, to.replace("\"", "\\\"")).getBytes(StandardCharsets.UTF_8);
        ByteBuffer out = ByteBuffer.allocate(8 + json.length + bytes.length - 8 - n).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(json.length).put(json).put(bytes, 8 + n, bytes.length - 8 - n);
        return Files.write(dir.resolve("edited.safetensors"), out.array());
    }

    /** Reading {@code file} fails fast, allocating little, with a message naming it; the message is returned. */
    private static String fails(Path file) throws IOException {
        long size = Files.size(file);
        Registries registries = Registries.fromServiceLoader();
        long allocatedBefore = allocatedByThisThread();
        long start = System.nanoTime();
        DataFormatException e = assertThrows(DataFormatException.class, () -> ModelFile.read(file, registries));
        long nanos = System.nanoTime() - start;
        long allocated = allocatedByThisThread() - allocatedBefore;
        String m = e.getMessage();
        assertTrue(m.startsWith(file.toString()), "names the file: " + m);
        assertTrue(nanos < TIME_LIMIT_NANOS, "took " + nanos / 1_000_000 + " ms: " + m);
        assertTrue(allocated < ALLOCATION_ALLOWANCE + 16 * size, "allocated " + allocated + " bytes for a file of "
                + size + ": " + m);
        return m;
    }

    /**
     * {@code com.sun.management.ThreadMXBean.getThreadAllocatedBytes} for this thread, through reflection:
     * the test is compiled inside the layers' module, which does not read {@code jdk.management}.
     */
    static long allocatedByThisThread() {
        try {
            Object bean = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean")
                    .invoke(null);
            return (Long) Class.forName("com.sun.management.ThreadMXBean")
                    .getMethod("getThreadAllocatedBytes", long.class).invoke(bean, Thread.currentThread().getId());
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("cannot measure allocation", e);
        }
    }

    @Test
    void theGoodFileLoads() throws IOException {
        assertEquals(7, ModelFile.load(good).layers().size());
    }

    @Test
    void unitsEditedTo2MillionIsRefusedBeforeTheWeightIsAllocated() throws IOException {
        String m = fails(edited("{\"units\":16,", "{\"units\":2000000,"));
        assertTrue(m.contains("layer 4 (dense)") && m.contains("'units' 2000000")
                && m.contains("[2000000, 784]") && m.contains("tensor '4.weight'") && m.contains("[16, 784]"), m);
    }

    @Test
    void filtersEditedIsRefusedBeforeTheWeightIsAllocated() throws IOException {
        String m = fails(edited("{\"filters\":4,", "{\"filters\":1000000,"));
        assertTrue(m.contains("layer 0 (conv2d)") && m.contains("[1000000, 1, 3, 3]") && m.contains("[4, 1, 3, 3]"), m);
    }

    @Test
    void aKernelEditedIsRefusedBeforeTheWeightIsAllocated() throws IOException {
        String m = fails(edited("\"kernel\":[3,3]", "\"kernel\":[30000,30000]"));
        assertTrue(m.contains("layer 0 (conv2d)") && m.contains("[4, 1, 30000, 30000]") && m.contains("[4, 1, 3, 3]"), m);
    }

    @Test
    void aHugeDilationWithSamePaddingIsAnImplausiblePaddedInput() throws IOException {
        String m = fails(edited("\"dilation\":[1,1]", "\"dilation\":[1000000,1000000]"));
        assertTrue(m.contains("layer 0 (conv2d)") && m.contains("padded input") && m.contains("per sample"), m);
    }

    @Test
    void aDilationBeyondIntIsRefusedToo() throws IOException {
        String m = fails(edited("\"dilation\":[1,1]", "\"dilation\":[2000000000,2000000000]"));
        assertTrue(m.contains("layer 0 (conv2d)"), m);
    }

    @Test
    void aHugePaddingIsAnImplausiblePaddedInput() throws IOException {
        String m = fails(edited("\"padding\":\"same\"", "\"padding\":[100000,100000]"));
        assertTrue(m.contains("layer 0 (conv2d)") && m.contains("padded input [1, 200028, 200028]"), m);
    }

    @Test
    void aStrideThatShrinksTheImageMakesTheNextDenseWeightDisagree() throws IOException {
        String m = fails(edited("\"stride\":[1,1]", "\"stride\":[2,2]"));
        assertTrue(m.contains("layer 4 (dense)") && m.contains("[16, 196]") && m.contains("[16, 784]"), m);
    }

    @Test
    void aPoolingLayerWithAHugeWindowAndPaddingIsAnImplausiblePaddedInput() throws IOException {
        String m = fails(edited("{\"kernel\":[2,2],\"stride\":[2,2],\"padding\":[0,0]",
                "{\"kernel\":[200000,200000],\"stride\":[200000,200000],\"padding\":[100000,100000]"));
        assertTrue(m.contains("layer 2 (max_pool2d)") && m.contains("padded input"), m);
    }

    @Test
    void aPoolingWindowThatVisitsTooMuchIsRefused() throws IOException {
        // Stride 1, window 600 padded by 300: a 29x29 output whose windows cover 600x600 each.
        String m = fails(edited("{\"kernel\":[2,2],\"stride\":[2,2],\"padding\":[0,0]",
                "{\"kernel\":[600,600],\"stride\":[1,1],\"padding\":[300,300]"));
        assertTrue(m.contains("layer 2 (max_pool2d)") && m.contains("pooling windows"), m);
    }

    @Test
    void aHugeInputShapeIsRefused() throws IOException {
        String m = fails(edited("\"input_shape\":[1,28,28]", "\"input_shape\":[1,30000,30000]"));
        assertTrue(m.contains("input shape [1, 30000, 30000]"), m);
    }
}
