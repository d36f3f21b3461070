package org.nnj.examples.fuzz;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.nnj.api.config.Config;
import org.nnj.api.tensor.Shape;
import org.nnj.core.backend.ScalarBackend;
import org.nnj.core.data.InMemoryDataset;
import org.nnj.core.io.Checkpoint;
import org.nnj.core.io.Checkpointer;
import org.nnj.core.io.ModelFile;
import org.nnj.core.model.Sequential;
import org.nnj.core.registry.Registries;
import org.nnj.core.train.Trainer;

/**
 * Writes the real files that seed the fuzz tests' corpora (small, so that the fuzzer mutates them fast):
 * an MLP, a small CNN with convolution, pooling and batch norm, a checkpoint with Adam's state and the
 * training progress, and a grey and a colour PNG. Not part of the build: run it when the file format
 * changes, then copy the files into the {@code ...Inputs/<method>/} directories (docs/FUZZING.md):
 * <pre>mvn -pl nn-examples -am test -Dtest=FuzzSeedFiles -Dnnj.fuzz.seeds=/tmp/seeds -Dnnj.fuzz.skip=true
 *     -Dsurefire.failIfNoSpecifiedTests=false</pre>
 */
@EnabledIfSystemProperty(named = "nnj.fuzz.seeds", matches = ".+")
class FuzzSeedFiles {
    private final Registries registries = Registries.fromServiceLoader();

    @Test
    void write() throws IOException {
        Path dir = Files.createDirectories(Path.of(System.getProperty("nnj.fuzz.seeds")));

        Sequential mlp = Sequential.builder(Shape.of(16)).registries(registries).seed(1)
                .add("dense", Config.of("units", 8)).add("relu", Config.empty())
                .add("dense", Config.of("units", 3)).build();
        ModelFile.save(dir.resolve("mlp.safetensors"), Checkpoint.of(mlp).withClassNames(List.of("a", "b", "c")),
                registries);

        ModelFile.save(dir.resolve("cnn.safetensors"), Checkpoint.of(cnn()), registries);

        // One epoch on 8 random 1x6x6 images with Adam: a checkpoint with optimizer state and progress.
        Sequential model = cnn();
        Random random = new Random(3);
        float[] x = new float[8 * 36];
        int[] y = new int[8];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextFloat();
        }
        for (int i = 0; i < y.length; i++) {
            y[i] = i % 2;
        }
        InMemoryDataset data = InMemoryDataset.classification(x, Shape.of(1, 6, 6), y, 2);
        Trainer.builder().model(model).backend(new ScalarBackend(1))
                .loss(registries.loss("softmax_cross_entropy", Config.empty()))
                .optimizer(registries.optimizer("adam", Config.of("lr", 1e-3)))
                .batchSize(4).epochs(1).seed(5)
                .listener(new Checkpointer(dir.resolve("checkpoint.safetensors"), registries))
                .build().fit(data);

        BufferedImage grey = new BufferedImage(6, 6, BufferedImage.TYPE_BYTE_GRAY);
        BufferedImage colour = new BufferedImage(6, 6, BufferedImage.TYPE_INT_ARGB);
        for (int i = 0; i < 36; i++) {
            grey.getRaster().setSample(i % 6, i / 6, 0, i * 7);
            colour.setRGB(i % 6, i / 6, (i * 7 << 24) | (i * 5 << 16) | (255 - i * 3) << 8 | i);
        }
        ImageIO.write(grey, "png", dir.resolve("grey.png").toFile());
        ImageIO.write(colour, "png", dir.resolve("colour.png").toFile());
    }

    private Sequential cnn() {
        return Sequential.builder(Shape.of(1, 6, 6)).registries(registries).seed(2)
                .add("conv2d", Config.of("filters", 2, "kernel", 3, "padding", "same"))
                .add("batch_norm2d", Config.empty())
                .add("relu", Config.empty())
                .add("max_pool2d", Config.of("kernel", 2))
                .add("flatten", Config.empty())
                .add("dense", Config.of("units", 2)).build();
    }
}
