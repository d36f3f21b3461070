package org.nnj.examples.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.nnj.fixtures.FuzzGuard;
import org.nnj.api.NnException;
import org.nnj.examples.predict.GreyImages;

/**
 * Fuzzes the image path of {@code ./nn predict}: {@link GreyImages#read}, which turns an image file (PNG,
 * or whatever ImageIO reads: JPEG, GIF, BMP, WBMP, TIFF) into the grey pixels of a model's input, here
 * for a 6x6 model. Seeds: a grey and a colour-with-alpha PNG of that size
 * ({@code GreyImagesFuzzTestInputs/read/}).
 *
 * <p>Asserted for every input: only the {@link NnException} family escapes (the method documents a
 * {@link org.nnj.api.DataFormatException} for a file that is not an image of the model's size, and an
 * {@code IOException} for a file that cannot be read, which a freshly written local file can; so an
 * {@code IOException} from a damaged image counts as a finding); the allocation is at most
 * {@value #CONSTANT} + {@value #PER_BYTE} bytes per byte of the file (the decoders' buffers and tables
 * are the constant, the image itself is 6x6; a reader that decodes a picture of the size its header
 * claims before comparing that size with the model's exceeds it); one read takes under
 * {@value FuzzGuard#MAX_MILLIS} ms.
 */
class GreyImagesFuzzTest {
    static final long CONSTANT = 4 << 20;
    static final long PER_BYTE = 64;
    private static final int SIDE = 6;
    private static final Path FILE = FuzzGuard.tempFile(".png");

    @FuzzTest(maxDuration = "3s")
    void read(byte[] image) throws IOException {
        Files.write(FILE, image);
        float[] pixels = new float[SIDE * SIDE];
        FuzzGuard.run(() -> GreyImages.read(FILE, SIDE, SIDE, pixels, 0))
                .assertOnlyThrows(NnException.class)
                .assertAllocatedAtMost(CONSTANT + PER_BYTE * image.length, "4 MiB + 64 x " + image.length + " bytes")
                .assertFast();
    }
}
