package org.nnj.examples.predict;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.IIOException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.nnj.api.DataFormatException;
import org.nnj.api.ShapeException;
import org.nnj.api.tensor.Shape;

/**
 * Reads image files (PNG, or any format {@link ImageIO} reads) as grey pixels in {@code [0, 1]}, the way
 * Fashion-MNIST's are: light objects on a dark background, {@code 0} black and {@code 1} white.
 *
 * <ul>
 *   <li>Grey images (8 or 16 bits) give their values as they are, scaled to {@code [0, 1]}.</li>
 *   <li>Colour images become grey by luma, {@code 0.299 R + 0.587 G + 0.114 B} (ITU-R BT.601, the
 *       weights of PIL's {@code convert("L")}).</li>
 *   <li>Transparency is laid over black (the background of the training images).</li>
 *   <li>The size must be the model's: a picture of another size is rejected, not resized, because a
 *       silent resize (and its interpolation) changes what the model sees; resize with an image tool
 *       first, to 28x28 for Fashion-MNIST models.</li>
 * </ul>
 * Nothing is inverted: a dark shoe on white paper must be inverted by the user to look like the data.
 */
public final class GreyImages {
    private GreyImages() {
    }

    /**
     * The height and width of the images a model with per-sample input {@code shape} takes: {@code [1, H,
     * W]}, {@code [H, W]}, or a square {@code [H * H]} (a flattened image).
     *
     * @throws ShapeException when the shape is not an image's
     */
    public static int[] imageSize(Shape shape) {
        int[] d = shape.dims();
        if (d.length == 3 && d[0] == 1) {
            return new int[] {d[1], d[2]};
        }
        if (d.length == 2) {
            return d;
        }
        if (d.length == 1) {
            int side = (int) Math.round(Math.sqrt(d[0]));
            if (side * side == d[0]) {
                return new int[] {side, side};
            }
        }
        throw new ShapeException("the model's input shape " + shape + " is not a grey image: expected [1, H, W],"
                + " [H, W] or a square [H*H]");
    }

    /**
     * The pixels of {@code file}, row by row, into {@code dst} from {@code offset}.
     *
     * @throws DataFormatException when the file is not an image, or not {@code height x width}
     * @throws IOException         when it cannot be read
     */
    public static void read(Path file, int height, int width, float[] dst, int offset) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "no such image file");
        }
        BufferedImage image = decode(file, height, width);
        boolean grey = image.getColorModel().getColorSpace().getType() == ColorSpace.TYPE_GRAY;
        if (grey) {
            // The raster, not getRGB: getRGB converts linear grey to sRGB and changes the values.
            Raster raster = image.getRaster();
            double max = (1L << raster.getSampleModel().getSampleSize(0)) - 1;
            boolean alpha = raster.getNumBands() > 1;
            double alphaMax = alpha ? (1L << raster.getSampleModel().getSampleSize(1)) - 1 : 1;
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    double v = raster.getSample(x, y, 0) / max;
                    if (alpha) {
                        v *= raster.getSample(x, y, 1) / alphaMax;
                    }
                    dst[offset + y * width + x] = (float) v;
                }
            }
            return;
        }
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int argb = image.getRGB(x, y);
                double a = (argb >>> 24) / 255.0;
                double luma = 0.299 * ((argb >> 16) & 0xFF) + 0.587 * ((argb >> 8) & 0xFF) + 0.114 * (argb & 0xFF);
                dst[offset + y * width + x] = (float) (luma / 255.0 * a);
            }
        }
    }

    /**
     * Decodes {@code file}, comparing the size in its header with the model's before the pixels are decoded
     * (a damaged or hostile header can claim 65535x65535 pixels, gigabytes of raster). The JDK's decoders
     * report damaged data with {@link IIOException} and, for some damage, with runtime exceptions
     * ({@code IllegalArgumentException}, {@code ArrayIndexOutOfBoundsException}, ...): both are a
     * {@link DataFormatException} here, naming the file.
     */
    private static BufferedImage decode(Path file, int height, int width) throws IOException {
        File f = file.toFile();
        try (ImageInputStream in = ImageIO.createImageInputStream(f)) {
            if (in == null) {
                throw new IOException(file + ": cannot be opened");
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new DataFormatException(file + ": not an image that Java can read (PNG, JPEG, GIF or BMP)");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int w = reader.getWidth(0);
                int h = reader.getHeight(0);
                if (h != height || w != width) {
                    throw new DataFormatException(file + ": the image is " + w + "x" + h + " pixels but the model takes "
                            + width + "x" + height + " grey images; resize it first (NNJ does not resize, so that what"
                            + " the model sees is what you chose)");
                }
                BufferedImage image = reader.read(0);
                if (image.getHeight() != height || image.getWidth() != width) {
                    throw new DataFormatException(file + ": the image decodes to " + image.getWidth() + "x"
                            + image.getHeight() + " pixels, not the " + w + "x" + h + " of its header");
                }
                return image;
            } catch (IIOException | RuntimeException e) {
                if (e instanceof DataFormatException d) {
                    throw d;
                }
                // ImageIO's message, and its cause's, say what broke.
                throw new DataFormatException(file + ": not a readable image: " + e.getMessage()
                        + (e.getCause() != null && e.getCause().getMessage() != null
                        ? " (" + e.getCause().getMessage() + ")" : ""), e);
            } finally {
                reader.dispose();
            }
        }
    }
}
