package org.nnj.core.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.nnj.api.ConfigException;
import org.nnj.api.DataFormatException;
import org.nnj.core.train.EpochMetrics;
import org.nnj.core.train.TrainingProgress;

/**
 * The JSON form of a {@link TrainingProgress} ({@code "nnj.training"} in a model file):
 * <pre>{@code
 * {"epoch": 2, "epochs": 10, "seed": 42, "batch_size": 64, "shuffle": true, "stopped_early": false,
 *  "data_fingerprint": "n10000-3f9c0b1a77e2d415",
 *  "history": [{"epoch": 1, "loss": 0.61, "accuracy": 0.78, "val_loss": 0.52, "val_accuracy": 0.81,
 *               "samples_per_second": 9210.5, "seconds": 1.2}, ...]}
 * }</pre>
 * {@code data_fingerprint} is optional (older files have none). JSON has no NaN or infinity: such metrics (no validation set) are written as null and read back as NaN.
 */
final class ProgressJson {
    private ProgressJson() {
    }

    static ObjectNode toJson(TrainingProgress p) {
        ObjectNode node = Json.object().put("epoch", p.epoch()).put("epochs", p.epochs()).put("seed", p.seed())
                .put("batch_size", p.batchSize()).put("shuffle", p.shuffle()).put("stopped_early", p.stoppedEarly());
        if (p.dataFingerprint() != null) {
            node.put("data_fingerprint", p.dataFingerprint());
        }
        ArrayNode history = node.putArray("history");
        for (EpochMetrics m : p.history()) {
            ObjectNode e = history.addObject().put("epoch", m.epoch());
            number(e, "loss", m.trainingLoss());
            number(e, "accuracy", m.trainingAccuracy());
            number(e, "val_loss", m.validationLoss());
            number(e, "val_accuracy", m.validationAccuracy());
            number(e, "samples_per_second", m.samplesPerSecond());
            number(e, "seconds", m.seconds());
        }
        return node;
    }

    private static void number(ObjectNode node, String key, double value) {
        if (Double.isFinite(value)) {
            node.put(key, value);
        } else {
            node.putNull(key);
        }
    }

    static TrainingProgress fromJson(JsonNode node, String where) {
        if (!node.isObject()) {
            throw new DataFormatException(where + ": expected an object, got " + Json.describe(node));
        }
        JsonNode list = Json.field(node, "history", where);
        if (!list.isArray()) {
            throw new DataFormatException(where + ": 'history' must be an array, got " + Json.describe(list));
        }
        List<EpochMetrics> history = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode e = list.get(i);
            String at = where + ", history[" + i + "]";
            history.add(new EpochMetrics(Json.integer(e, "epoch", at), number(e, "loss", at),
                    number(e, "accuracy", at), number(e, "val_loss", at), number(e, "val_accuracy", at),
                    number(e, "samples_per_second", at), number(e, "seconds", at)));
        }
        JsonNode shuffle = Json.field(node, "shuffle", where);
        JsonNode stopped = Json.field(node, "stopped_early", where);
        if (!shuffle.isBoolean() || !stopped.isBoolean()) {
            throw new DataFormatException(where + ": 'shuffle' and 'stopped_early' must be true or false");
        }
        JsonNode fingerprint = node.get("data_fingerprint"); // optional: files before 1.0.0 have none
        if (fingerprint != null && !fingerprint.isTextual()) {
            throw new DataFormatException(where + ": 'data_fingerprint' must be a string, got "
                    + Json.describe(fingerprint));
        }
        try {
            return new TrainingProgress(Json.integer(node, "epoch", where), Json.integer(node, "epochs", where),
                    Json.longInteger(node, "seed", where), Json.integer(node, "batch_size", where),
                    shuffle.booleanValue(), stopped.booleanValue(), history,
                    fingerprint == null ? null : fingerprint.textValue());
        } catch (ConfigException e) {
            throw new DataFormatException(where + ": " + e.getMessage(), e);
        }
    }

    private static double number(JsonNode object, String key, String where) {
        JsonNode v = object.get(key);
        if (v == null || v.isNull()) {
            return Double.NaN;
        }
        if (!v.isNumber()) {
            throw new DataFormatException(where + ": '" + key + "' must be a number or null, got " + Json.describe(v));
        }
        return v.doubleValue();
    }
}
