package org.nnj.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nnj.api.DataFormatException;
import org.nnj.core.train.EpochMetrics;
import org.nnj.core.train.TrainingProgress;

/** The optional data fingerprint of the progress JSON: written when known, read back, absent in older files. */
class ProgressJsonTest {
    private static final TrainingProgress PROGRESS = new TrainingProgress(1, 4, 99L, 8, true, false,
            List.of(new EpochMetrics(1, 0.5, 0.75, Double.NaN, Double.NaN, 1000, 0.25)), "n10-0123456789abcdef");

    @Test
    void theFingerprintGoesThroughTheJson() {
        ObjectNode json = ProgressJson.toJson(PROGRESS);
        assertEquals("n10-0123456789abcdef", json.get("data_fingerprint").textValue());
        assertEquals(PROGRESS, ProgressJson.fromJson(json, "test"));
    }

    @Test
    void progressWithoutAFingerprintAsOlderFilesHaveReadsAsUnknown() {
        ObjectNode json = ProgressJson.toJson(PROGRESS.withDataFingerprint(null));
        assertFalse(json.has("data_fingerprint"));
        TrainingProgress read = ProgressJson.fromJson(json, "test");
        assertNull(read.dataFingerprint());
        assertEquals(PROGRESS.history(), read.history());
    }

    @Test
    void aFingerprintThatIsNotAStringIsRefused() {
        ObjectNode json = ProgressJson.toJson(PROGRESS).put("data_fingerprint", 12);
        DataFormatException e = assertThrows(DataFormatException.class, () -> ProgressJson.fromJson(json, "f.st"));
        assertTrue(e.getMessage().startsWith("f.st: 'data_fingerprint' must be a string"), e.getMessage());
    }
}
