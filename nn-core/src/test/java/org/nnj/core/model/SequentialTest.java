package org.nnj.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.nnj.api.NnException;
import org.nnj.api.ShapeException;
import org.nnj.api.config.Config;
import org.nnj.api.layer.Layer;
import org.nnj.api.layer.LayerContext;
import org.nnj.api.layer.Parameter;
import org.nnj.api.tensor.Shape;
import org.nnj.api.tensor.Tensor;
import org.nnj.core.backend.ScalarBackend;
import org.nnj.fixtures.TestLinear;
import org.nnj.core.fixtures.TestRelu;

class SequentialTest {
    private final ScalarBackend backend = new ScalarBackend();

    /** [2] -> linear 4 -> relu -> linear 3: 12 + 0 + 15 = 27 parameters. */
    private static Sequential smallModel(long seed) {
        return Sequential.builder(Shape.of(2))
                .add(new TestLinear(2, 4, seed))
                .add(new TestRelu(Shape.of(4)))
                .add(new TestLinear(4, 3, seed + 1))
                .build();
    }

    @Test
    void addingALayerOfTheWrongInputShapeNamesIndexTypeAndBothShapes() {
        SequentialBuilder builder = Sequential.builder(Shape.of(2)).add(new TestLinear(2, 4, 1));
        ShapeException e = assertThrows(ShapeException.class, () -> builder.add(new TestLinear(3, 1, 2)));
        assertEquals("layer 1 (test_linear): expects input shape [3], but layer 0 (test_linear) gives [4]",
                e.getMessage());
        // The builder is unchanged by the failed add.
        assertEquals(Shape.of(4), builder.currentShape());
        assertEquals(1, builder.build().layers().size());
    }

    @Test
    void theFirstLayerIsCheckedAgainstTheModelInput() {
        ShapeException e = assertThrows(ShapeException.class,
                () -> Sequential.builder(Shape.of(5)).add(new TestRelu(Shape.of(1, 5))));
        assertEquals("layer 0 (test_relu): expects input shape [1, 5], but the model's input gives [5]",
                e.getMessage());
    }

    @Test
    void shapesAndNamedParametersFollowTheLayers() {
        Sequential model = smallModel(3);
        assertEquals(Shape.of(2), model.inputShape());
        assertEquals(Shape.of(3), model.outputShape());
        assertEquals(List.of("0.weight", "0.bias", "2.weight", "2.bias"),
                new ArrayList<>(model.namedParameters().keySet()));
        TestLinear first = (TestLinear) model.layers().get(0);
        Parameter named = model.namedParameters().get("0.weight");
        assertEquals("0.weight", named.name());
        // A renamed view: the layer's own tensors, so optimizer updates land in the layer.
        assertSame(first.weight().value(), named.value());
        assertSame(first.weight().gradient(), named.gradient());
        assertEquals(List.copyOf(model.namedParameters().values()), model.parameters());
        assertEquals(27, model.parameterCount());
        assertEquals("Sequential[2] -> [3] (3 layers, 27 parameters)", model.toString());
    }

    @Test
    void anEmptyModelIsTheIdentity() {
        Sequential model = Sequential.builder(Shape.of(3)).build();
        assertEquals(Shape.of(3), model.outputShape());
        Tensor x = Tensor.of(new float[] {1, 2, 3}, 1, 3);
        Tensor y = model.predict(x, backend);
        assertArrayEquals(x.toArray(), y.toArray());
        assertTrue(x.data() != y.data(), "predict returns a tensor of its own, not the caller's");
    }

    @Test
    void oneParameterObjectInTwoLayersIsRejected() {
        TestLinear shared = new TestLinear(3, 3, 1);
        NnException e = assertThrows(NnException.class,
                () -> Sequential.builder(Shape.of(3)).add(shared).add(shared).build());
        assertTrue(e.getMessage().startsWith("layer 1 (test_linear): parameter 'weight' is listed twice"),
                e.getMessage());
    }

    @Test
    void summaryListsEveryLayerWithItsParameterCountAndTheTotal() {
        String[] lines = smallModel(3).summary().split("\n");
        assertEquals(List.of("#", "Layer", "Output", "shape", "Parameters"), List.of(lines[0].trim().split("\\s+")));
        assertEquals(List.of("input", "[2]"), List.of(lines[2].trim().split("\\s+")));
        assertEquals(List.of("0", "test_linear(units=4)", "[4]", "12"), List.of(lines[3].trim().split("\\s+")));
        assertEquals(List.of("1", "test_relu", "[4]", "0"), List.of(lines[4].trim().split("\\s+")));
        assertEquals(List.of("2", "test_linear(units=3)", "[3]", "15"), List.of(lines[5].trim().split("\\s+")));
        assertEquals("Total parameters: 27", lines[7]);
        assertEquals(8, lines.length);
    }

    @Test
    void predictMatchesANaiveDoublePrecisionComputation() {
        Sequential model = smallModel(11);
        Tensor x = randomBatch(5, 2, 1);
        Tensor y = model.predict(x, backend);
        assertEquals(Shape.of(5, 3), y.shape());
        TestLinear l0 = (TestLinear) model.layers().get(0);
        TestLinear l2 = (TestLinear) model.layers().get(2);
        for (int r = 0; r < 5; r++) {
            double[] h = new double[4];
            for (int o = 0; o < 4; o++) {
                double s = l0.bias().value().getFlat(o);
                for (int i = 0; i < 2; i++) {
                    s += (double) l0.weight().value().get(o, i) * x.get(r, i);
                }
                h[o] = Math.max(0, s);
            }
            for (int o = 0; o < 3; o++) {
                double s = l2.bias().value().getFlat(o);
                for (int i = 0; i < 4; i++) {
                    s += l2.weight().value().get(o, i) * h[i];
                }
                assertEquals(s, y.get(r, o), 1e-5);
            }
        }
    }

    @Test
    void predictRejectsABatchOfTheWrongShapeWithBothShapes() {
        Sequential model = smallModel(1);
        ShapeException e = assertThrows(ShapeException.class, () -> model.predict(Tensor.zeros(5, 3), backend));
        assertEquals("the input batch of Sequential[2] -> [3] (3 layers, 27 parameters) has shape [5, 3],"
                + " expected [N, 2]", e.getMessage());
        assertThrows(ShapeException.class, () -> model.predict(Tensor.zeros(2), backend));
    }

    @Test
    void predictFromFourThreadsGivesTheSequentialResults() throws Exception {
        Sequential model = smallModel(5);
        List<Tensor> inputs = new ArrayList<>();
        List<float[]> expected = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            Tensor x = randomBatch(1 + i % 7, 2, 100 + i);
            inputs.add(x);
            expected.add(model.predict(x, backend).toArray());
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<float[]>>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int shift = t;
                futures.add(pool.submit(() -> {
                    List<float[]> out = new ArrayList<>();
                    for (int round = 0; round < 20; round++) {
                        for (int i = 0; i < inputs.size(); i++) {
                            int k = (i + shift * 16) % inputs.size();
                            out.add(model.predict(inputs.get(k), backend).toArray());
                        }
                    }
                    return out;
                }));
            }
            for (int t = 0; t < 4; t++) {
                List<float[]> out = futures.get(t).get();
                for (int j = 0; j < out.size(); j++) {
                    int k = (j % inputs.size() + t * 16) % inputs.size();
                    assertArrayEquals(expected.get(k), out.get(j), "thread " + t + ", call " + j);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aLayerThatBreaksItsOutputShapeIsNamedByIndex() {
        Layer liar = new Layer() {
            public String type() {
                return "liar";
            }

            public Config config() {
                return Config.empty();
            }

            public Shape inputShape() {
                return Shape.of(2);
            }

            public Shape outputShape() {
                return Shape.of(3);
            }

            public Tensor forward(Tensor input, LayerContext context) {
                return input;
            }

            public Tensor backward(Tensor gradOutput, LayerContext context) {
                return gradOutput;
            }
        };
        Sequential model = Sequential.builder(Shape.of(2)).add(liar).build();
        ShapeException e = assertThrows(ShapeException.class, () -> model.predict(Tensor.zeros(4, 2), backend));
        assertEquals("layer 0 (liar) returned an output of shape [4, 2] for a batch of 4, expected [4, 3]",
                e.getMessage());
    }

    static Tensor randomBatch(int rows, int cols, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] v = new float[rows * cols];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextDouble(-2, 2);
        }
        return Tensor.of(v, rows, cols);
    }
}
