package org.nnj.examples.predict;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnj.api.DataFormatException;
import org.nnj.api.ShapeException;
import org.nnj.api.tensor.Shape;

class GreyImagesTest {
    @TempDir
    Path dir;

    @Test
    void greyPngPixelsAreReadAsTheyAreScaledToOne() throws IOException {
        BufferedImage image = new BufferedImage(3, 2, BufferedImage.TYPE_BYTE_GRAY);
        int[] values = {0, 51, 255, 128, 1, 254};
        image.getRaster().setPixels(0, 0, 3, 2, values);
        Path file = dir.resolve("grey.png");
        ImageIO.write(image, "png", file.toFile());

        float[] x = new float[7];
        GreyImages.read(file, 2, 3, x, 1);
        float[] expected = new float[7];
        for (int i = 0; i < 6; i++) {
            expected[i + 1] = values[i] / 255f;
        }
        assertArrayEquals(expected, x, 1e-7f);
    }

    @Test
    void colourBecomesGreyByLuma() throws IOException {
        BufferedImage image = new BufferedImage(2, 1, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, 0xFF0000); // pure red: 0.299
        image.setRGB(1, 0, 0x808040); // 0.299 * 128 + 0.587 * 128 + 0.114 * 64
        Path file = dir.resolve("colour.png");
        ImageIO.write(image, "png", file.toFile());
        float[] x = new float[2];
        GreyImages.read(file, 1, 2, x, 0);
        assertEquals(0.299, x[0], 1e-6);
        assertEquals((0.299 * 128 + 0.587 * 128 + 0.114 * 64) / 255, x[1], 1e-6);
    }

    @Test
    void anImageOfAnotherSizeIsRejectedNotResized() throws IOException {
        Path file = dir.resolve("big.png");
        ImageIO.write(new BufferedImage(32, 30, BufferedImage.TYPE_BYTE_GRAY), "png", file.toFile());
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> GreyImages.read(file, 28, 28, new float[784], 0));
        assertTrue(e.getMessage().contains("32x30 pixels but the model takes 28x28"), e.getMessage());
        Path text = Files.writeString(dir.resolve("not.png"), "hello");
        assertThrows(DataFormatException.class, () -> GreyImages.read(text, 28, 28, new float[784], 0));
    }

    @Test
    void theImageSizeComesFromTheModelsInputShape() {
        assertArrayEquals(new int[] {28, 28}, GreyImages.imageSize(Shape.of(784)));
        assertArrayEquals(new int[] {28, 20}, GreyImages.imageSize(Shape.of(1, 28, 20)));
        assertArrayEquals(new int[] {5, 6}, GreyImages.imageSize(Shape.of(5, 6)));
        assertThrows(ShapeException.class, () -> GreyImages.imageSize(Shape.of(10)));
        assertThrows(ShapeException.class, () -> GreyImages.imageSize(Shape.of(3, 28, 28)));
    }
}
