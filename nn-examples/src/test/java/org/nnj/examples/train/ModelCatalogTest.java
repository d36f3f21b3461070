package org.nnj.examples.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nnj.api.ConfigException;
import org.nnj.api.tensor.Shape;
import org.nnj.core.model.Sequential;
import org.nnj.core.registry.Registries;

class ModelCatalogTest {
    private static final Registries REGISTRIES = Registries.fromServiceLoader();

    @Test
    void lenetHasTheClassicShapesAndParameterCount() {
        Sequential lenet = ModelCatalog.build("lenet", REGISTRIES, 1L);
        assertEquals(Shape.of(1, 28, 28), lenet.inputShape());
        assertEquals(Shape.of(10), lenet.outputShape());
        // conv 6*25+6, conv 16*150+16, dense 256*120+120, 120*84+84, 84*10+10: as torch.nn would count them.
        assertEquals(156 + 2416 + 30840 + 10164 + 850, lenet.parameterCount());
        assertEquals(Shape.of(16, 4, 4), lenet.layers().get(5).outputShape());
    }

    @Test
    void theCnnKeepsTheSizeThroughSamePadding() {
        Sequential cnn = ModelCatalog.build("cnn", REGISTRIES, 1L);
        assertEquals(Shape.of(32, 28, 28), cnn.layers().get(0).outputShape());
        assertEquals(Shape.of(64, 7, 7), cnn.layers().get(5).outputShape());
        assertEquals(832 + 51264 + 3212288 + 10250, cnn.parameterCount());
        assertTrue(cnn.layers().stream().anyMatch(l -> l.type().equals("dropout")));
    }

    @Test
    void anUnknownModelListsTheKnownOnes() {
        ConfigException e = assertThrows(ConfigException.class, () -> ModelCatalog.get("resnet"));
        assertTrue(e.getMessage().contains("[cnn, cnn-bn, lenet, mlp, mlp-wide]"), e.getMessage());
    }

    @Test
    void theAccuracyRecipesHaveTheirDocumentedShapes() {
        Sequential mlp = ModelCatalog.build("mlp-wide", REGISTRIES, 1L);
        assertEquals(784L * 1024 + 1024 + 1024 * 512 + 512 + 512 * 10 + 10, mlp.parameterCount());
        assertEquals(3, mlp.layers().stream().filter(l -> l.type().equals("dropout")).count());

        Sequential cnn = ModelCatalog.build("cnn-bn", REGISTRIES, 1L);
        // Convolutions without bias (the batch norm shifts), 2 parameters per channel in each norm.
        assertEquals(32 * 9 + 64 + 64 * 32 * 9 + 128 + 128 * 64 * 9 + 256 + 1152 * 256 + 256 + 256 * 10 + 10,
                cnn.parameterCount());
        assertEquals(Shape.of(128, 3, 3), cnn.layers().get(11).outputShape());
        assertEquals(3, cnn.layers().stream().filter(l -> l.type().equals("batch_norm2d")).count());
    }

    @Test
    void thePlainModelsTrainAsTheReferenceScriptsAndTheRecipesAsDocumented() {
        for (String name : new String[] {"mlp", "lenet", "cnn"}) {
            assertEquals(Recipe.BASELINE, ModelCatalog.get(name).recipe(), name);
        }
        assertEquals(new Recipe(30, 128, "adamw", 1e-3, 0.05, Recipe.Schedule.COSINE),
                ModelCatalog.get("mlp-wide").recipe());
        assertEquals("adamw lr 0.001, weight decay 0.05, cosine schedule, batch 128, 30 epochs",
                ModelCatalog.get("mlp-wide").recipe().describe());
    }
}
