package org.nnj.examples.dashboard;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnj.api.tensor.Tensor;
import org.nnj.core.backend.ScalarBackend;
import org.nnj.core.model.Sequential;
import org.nnj.core.registry.Registries;
import org.nnj.examples.train.ModelCatalog;
import org.nnj.layers.conv.Conv2d;

/** The dashboard's pictures of a CNN: the first convolution's filters and its maps, against a direct computation. */
class FeatureMapsTest {
    private static final Registries REGISTRIES = Registries.fromServiceLoader();

    @Test
    void capturesTheFirstConvolutionsFiltersAndItsReluMapsOfTheImage(@TempDir Path dir) throws IOException {
        Sequential lenet = ModelCatalog.build("lenet", REGISTRIES, 3L); // conv 5x5 6 (no padding), ReLU, ...
        float[] image = new float[28 * 28];
        SplittableRandom random = new SplittableRandom(9);
        for (int i = 0; i < image.length; i++) {
            image[i] = (float) random.nextDouble();
        }
        FeatureMaps maps = FeatureMaps.of(lenet, new ScalarBackend(), image, "noise");
        assertNotNull(maps);
        FeatureMaps.Pictures pictures = maps.capture(2);

        Conv2d conv = (Conv2d) lenet.layers().get(0);
        float[] w = conv.weight().value().toArray();
        float[] b = conv.bias().orElseThrow().value().toArray();
        assertArrayEquals(w, pictures.filters().toArray());
        Tensor shown = pictures.maps();
        assertArrayEquals(new int[] {1, 6, 24, 24}, new int[] {shown.dim(0), shown.dim(1), shown.dim(2), shown.dim(3)});
        float[] got = shown.toArray();
        for (int o = 0; o < 6; o++) {
            for (int y = 0; y < 24; y++) {
                for (int x = 0; x < 24; x++) {
                    double sum = b[o];
                    for (int ky = 0; ky < 5; ky++) {
                        for (int kx = 0; kx < 5; kx++) {
                            sum += (double) w[(o * 5 + ky) * 5 + kx] * image[(y + ky) * 28 + x + kx];
                        }
                    }
                    assertEquals(Math.max(0, sum), got[(o * 24 + y) * 24 + x], 1e-5, o + "," + y + "," + x);
                }
            }
        }
        // A copy: training on does not change what was captured.
        conv.weight().value().data()[conv.weight().value().offset()] += 1f;
        assertEquals(w[0], pictures.filters().toArray()[0]);

        RunsDirectory runs = new RunsDirectory(dir);
        pictures.write(runs, "lenet");
        assertNotNull(ImageIO.read(runs.imageFor("lenet", RunsDirectory.FILTERS).toFile()), "a PNG");
        assertNotNull(ImageIO.read(runs.imageFor("lenet", RunsDirectory.MAPS).toFile()), "a PNG");
        // Served only once the run is listed (it has a metrics file).
        assertEquals(java.util.Optional.empty(), runs.findImage("lenet", RunsDirectory.MAPS));
        java.nio.file.Files.writeString(runs.fileFor("lenet"), "");
        assertEquals(runs.imageFor("lenet", RunsDirectory.MAPS), runs.findImage("lenet", RunsDirectory.MAPS).orElseThrow());
    }

    @Test
    void aModelThatDoesNotStartWithAConvolutionHasNoPictures() {
        assertNull(FeatureMaps.of(ModelCatalog.build("mlp", REGISTRIES, 1L), new ScalarBackend(), new float[784], "x"));
    }
}
