package org.nnj.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnj.api.config.Config;
import org.nnj.api.tensor.Tensor;
import org.nnj.core.backend.BackendSelector;
import org.nnj.core.data.InMemoryDataset;
import org.nnj.core.io.ModelFile;
import org.nnj.core.model.Sequential;
import org.nnj.core.registry.Registries;
import org.nnj.core.train.ConfusionMatrix;
import org.nnj.core.train.EpochMetrics;
import org.nnj.core.train.TrainingListener;

/**
 * NnjClassifier the way Spark users work: in a Pipeline, parameter averaging on local[2], saved, loaded,
 * evaluated; and its inference agrees with NNJ's own on every image.
 */
@SparkJdk
class NnjClassifierPipelineTest {
    static final int TRAIN = 2048;
    static final int TEST = 1000;

    static InMemoryDataset testImages;
    static Dataset<Row> train;
    static Dataset<Row> test;

    @BeforeAll
    static void data() throws Exception {
        train = TestSpark.frame(TestSpark.fashion("train", TRAIN), 2);
        testImages = TestSpark.fashion("t10k", TEST);
        test = TestSpark.frame(testImages, 2);
    }

    @Test
    void pipelineFitsSavesLoadsAndPredictsTheSame(@TempDir Path dir) throws Exception {
        List<String> rounds = new ArrayList<>();
        List<EpochMetrics> epochs = new ArrayList<>();
        NnjClassifier classifier = new NnjClassifier().setEpochs(2).setBatchSize(64).setSyncMode("parameter")
                .setAveragingPeriod(8).setSeed(3)
                .addListener(new TrainingListener() {
                    @Override
                    public void onBatchEnd(int epoch, int step, int stepsPerEpoch, double runningLoss) {
                        rounds.add(epoch + ":" + step + "/" + stepsPerEpoch);
                    }

                    @Override
                    public void onEpochEnd(EpochMetrics metrics) {
                        epochs.add(metrics);
                    }
                });
        PipelineModel fitted = new Pipeline().setStages(new PipelineStage[] {classifier}).fit(train);

        // 2048 rows at 64 a step: 32 steps an epoch, 4 rounds of 8.
        assertEquals(List.of("1:1/4", "1:2/4", "1:3/4", "1:4/4", "2:1/4", "2:2/4", "2:3/4", "2:4/4"), rounds);
        assertEquals(2, epochs.size());
        assertTrue(epochs.get(1).trainingLoss() < epochs.get(0).trainingLoss(), epochs.toString());

        Dataset<Row> predicted = fitted.transform(test);
        NnjClassificationEvaluator evaluator = new NnjClassificationEvaluator();
        ConfusionMatrix matrix = evaluator.confusionMatrix(predicted);
        assertEquals(TEST, matrix.total());
        double accuracy = evaluator.evaluate(predicted);
        System.out.printf("parameter averaging, 2 epochs on %d images: test accuracy %.4f%n", TRAIN, accuracy);
        assertTrue(accuracy > 0.70, "accuracy " + accuracy);

        fitted.write().overwrite().save(dir.resolve("pipeline").toString());
        PipelineModel loaded = PipelineModel.load(dir.resolve("pipeline").toString());
        List<Row> before = predicted.select("prediction", "probability").collectAsList();
        List<Row> after = loaded.transform(test).select("prediction", "probability").collectAsList();
        assertEquals(before.size(), after.size());
        for (int i = 0; i < before.size(); i++) {
            assertEquals(before.get(i).getDouble(0), after.get(i).getDouble(0), "row " + i);
            assertArrayEquals(((Vector) before.get(i).get(1)).toArray(), ((Vector) after.get(i).get(1)).toArray(),
                    "row " + i);
        }

        // The saved weights are an NNJ model file, and NNJ's own inference gives the same class for every image.
        NnjClassificationModel model = (NnjClassificationModel) fitted.stages()[0];
        Path file = dir.resolve("pipeline").resolve("stages");
        Path saved = java.nio.file.Files.walk(file).filter(p -> p.endsWith(NnjClassificationModel.MODEL_FILE))
                .findFirst().orElseThrow();
        Sequential local = ModelFile.load(saved, Registries.fromServiceLoader());
        var backend = BackendSelector.select(Registries.fromServiceLoader().backends(), Config.empty());
        float[] features = new float[TEST * 784];
        for (int i = 0; i < TEST; i++) {
            testImages.copyFeatures(i, features, i * 784);
        }
        Tensor out = local.predict(Tensor.wrap(features, local.inputShape().withBatch(TEST)), backend);
        for (int i = 0; i < TEST; i++) {
            int best = 0;
            for (int c = 1; c < 10; c++) {
                if (out.get(i, c) > out.get(i, best)) {
                    best = c;
                }
            }
            assertEquals(best, (int) before.get(i).getDouble(0), "image " + i);
        }
        assertEquals(model.uid(), ((NnjClassificationModel) loaded.stages()[0]).uid());
    }
}
