package org.nnj.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nnj.api.ConfigException;
import org.nnj.api.DataFormatException;
import org.nnj.api.ShapeException;
import org.nnj.api.tensor.Shape;

class InMemoryDatasetTest {

    /** {@code n} examples of two features {@code (i, -i)}, labels {@code i % 3}. */
    static InMemoryDataset numbered(int n) {
        float[] features = new float[2 * n];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            features[2 * i] = i;
            features[2 * i + 1] = -i;
            labels[i] = i % 3;
        }
        return InMemoryDataset.classification(features, Shape.of(2), labels, 3);
    }

    /** The example's own number, read back from its features. */
    static int id(InMemoryDataset data, int index) {
        float[] f = new float[2];
        data.copyFeatures(index, f, 0);
        return (int) f[0];
    }

    @Test
    void classificationTargetsAreOneHot() {
        InMemoryDataset data = numbered(4);
        assertEquals(4, data.size());
        assertEquals(Shape.of(2), data.featureShape());
        assertEquals(Shape.of(3), data.targetShape());
        assertTrue(data.isClassification());
        float[] out = {9, 9, 9, 9, 9};
        data.copyTarget(2, out, 1);
        assertArrayEquals(new float[] {9, 0, 0, 1, 9}, out);
        float[] f = {9, 9, 9};
        data.copyFeatures(3, f, 1);
        assertArrayEquals(new float[] {9, 3, -3}, f);
    }

    @Test
    void factoriesCopyTheirArrays() {
        float[] features = {1, 2};
        int[] labels = {1};
        InMemoryDataset data = InMemoryDataset.classification(features, Shape.of(2), labels, 2);
        features[0] = 99;
        labels[0] = 0;
        assertEquals(1, id(data, 0));
        assertEquals(1, data.label(0));
    }

    @Test
    void regressionHasExplicitTargets() {
        InMemoryDataset data = InMemoryDataset.regression(new float[] {1, 2, 3}, Shape.of(1),
                new float[] {10, 11, 20, 21, 30, 31}, Shape.of(2));
        assertEquals(3, data.size());
        assertFalse(data.isClassification());
        assertEquals(-1, data.label(1));
        assertEquals(0, data.classCount());
        float[] t = new float[2];
        data.copyTarget(2, t, 0);
        assertArrayEquals(new float[] {30, 31}, t);
    }

    @Test
    void factoriesValidate() {
        ShapeException s = assertThrows(ShapeException.class,
                () -> InMemoryDataset.classification(new float[5], Shape.of(2), new int[3], 2));
        assertTrue(s.getMessage().contains("features have 5 floats, but 3 examples of shape [2] need 6"), s.getMessage());
        DataFormatException d = assertThrows(DataFormatException.class,
                () -> InMemoryDataset.classification(new float[4], Shape.of(2), new int[] {1, 2}, 2));
        assertEquals("label 2 of example 1 is outside [0, 2)", d.getMessage());
        assertThrows(DataFormatException.class,
                () -> InMemoryDataset.classification(new float[2], Shape.of(2), new int[] {-1}, 2));
        assertThrows(ConfigException.class,
                () -> InMemoryDataset.classification(new float[0], Shape.of(2), new int[0], 0));
        s = assertThrows(ShapeException.class,
                () -> InMemoryDataset.regression(new float[4], Shape.of(2), new float[5], Shape.of(2)));
        assertTrue(s.getMessage().contains("targets have 5 floats"), s.getMessage());
        assertThrows(ShapeException.class,
                () -> InMemoryDataset.regression(new float[4], Shape.of(2), new float[3], Shape.of(1)));
        assertThrows(ShapeException.class,
                () -> InMemoryDataset.regression(new float[0], Shape.of(0), new float[0], Shape.of(1)));
    }

    @Test
    void subsetsAreViewsInTheGivenOrder() {
        InMemoryDataset data = numbered(10);
        InMemoryDataset range = data.subset(3, 7);
        assertEquals(4, range.size());
        assertEquals(3, id(range, 0));
        assertEquals(6, id(range, 3));
        assertEquals(6 % 3, range.label(3));

        InMemoryDataset picked = range.subset(new int[] {3, 0, 0});
        assertEquals(3, picked.size());
        assertEquals(6, id(picked, 0));
        assertEquals(3, id(picked, 1));
        assertEquals(3, id(picked, 2));
        float[] t = new float[3];
        picked.copyTarget(0, t, 0);
        assertArrayEquals(new float[] {1, 0, 0}, t);

        assertEquals(0, data.subset(4, 4).size());
        assertThrows(ShapeException.class, () -> data.subset(5, 11));
        assertThrows(ShapeException.class, () -> data.subset(6, 5));
        ShapeException e = assertThrows(ShapeException.class, () -> range.subset(new int[] {0, 4}));
        assertTrue(e.getMessage().contains("indices[1] = 4 is out of range for a data set of 4 examples"), e.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> range.label(4));
    }

    @Test
    void splitIsDisjointCompleteAndSeeded() {
        InMemoryDataset data = numbered(100);
        InMemoryDataset.Split split = data.split(0.25, 42);
        assertEquals(25, split.validation().size());
        assertEquals(75, split.train().size());
        Set<Integer> seen = new HashSet<>();
        for (InMemoryDataset part : new InMemoryDataset[] {split.train(), split.validation()}) {
            int previous = -1;
            for (int i = 0; i < part.size(); i++) {
                int id = id(part, i);
                assertTrue(seen.add(id), "example " + id + " is in both parts");
                assertTrue(id > previous, "each part keeps the original order");
                assertEquals(id % 3, part.label(i));
                previous = id;
            }
        }
        assertEquals(100, seen.size());

        InMemoryDataset.Split again = data.split(0.25, 42);
        InMemoryDataset.Split other = data.split(0.25, 43);
        int[] a = ids(split.validation());
        assertArrayEquals(a, ids(again.validation()));
        assertNotEquals(java.util.Arrays.toString(a), java.util.Arrays.toString(ids(other.validation())));
        // Not simply the last quarter, as Keras would take.
        assertNotEquals(75, a[0]);
    }

    @Test
    void splitRejectsFractionsThatLeaveAPartEmpty() {
        InMemoryDataset data = numbered(10);
        assertThrows(ConfigException.class, () -> data.split(0, 1));
        assertThrows(ConfigException.class, () -> data.split(1, 1));
        assertThrows(ConfigException.class, () -> data.split(Double.NaN, 1));
        ConfigException e = assertThrows(ConfigException.class, () -> data.split(0.01, 1));
        assertTrue(e.getMessage().contains("gives 0 for validation and 10 for training"), e.getMessage());
    }

    @Test
    void withFeatureShapeKeepsTheData() {
        InMemoryDataset data = numbered(3).withFeatureShape(Shape.of(1, 2));
        assertEquals(Shape.of(1, 2), data.featureShape());
        assertEquals(2, id(data, 2));
        assertEquals(Shape.of(1, 2), data.subset(1, 2).featureShape());
        ShapeException e = assertThrows(ShapeException.class, () -> data.withFeatureShape(Shape.of(3)));
        assertTrue(e.getMessage().contains("cannot view features of shape [1, 2] (2 elements) as [3]"), e.getMessage());
    }

    private static int[] ids(InMemoryDataset data) {
        int[] out = new int[data.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = id(data, i);
        }
        return out;
    }
}
