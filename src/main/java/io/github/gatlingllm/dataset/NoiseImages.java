package io.github.gatlingllm.dataset;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Seeded RGB noise images as {@code data:image/png;base64,...} (or {@code image/jpeg}) URLs, for vision requests
 * (workloads.md section 3). The same seed, size and format always give the same bytes. Made at dataset time, before
 * the load, never on an event loop.
 *
 * <p>A {@link #pool} holds at most {@value #MAX_POOL} distinct images, reused round-robin by the requests: a 512 x 512
 * noise PNG is about 1 MB of base64, so one image per request would hold the whole run in memory. Noise does not
 * compress, so PNGs are written by {@link PngEncoder} without row filters or compression (ImageIO's
 * PNG writer spends ~100 ms per 512 x 512 image on filters that buy nothing); JPEGs by ImageIO at quality 0.9.
 */
public final class NoiseImages {
  /** The most distinct images a pool holds. */
  public static final int MAX_POOL = 16;
  /** The largest width or height accepted. */
  public static final int MAX_SIDE = 8192;

  /** The image encoding. */
  public enum Format {
    PNG("png", "image/png"),
    JPEG("jpeg", "image/jpeg");

    private final String imageIoName;
    private final String mediaType;

    Format(String imageIoName, String mediaType) {
      this.imageIoName = imageIoName;
      this.mediaType = mediaType;
    }

    public String mediaType() {
      return mediaType;
    }

    /** {@code png} or {@code jpeg} (also {@code jpg}), any case. */
    public static Format parse(String text, String setting) {
      String name = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
      return switch (name) {
        case "png" -> PNG;
        case "jpeg", "jpg" -> JPEG;
        default -> throw new IllegalArgumentException(
            "Invalid value '" + text + "' for " + setting + ": expected png or jpeg");
      };
    }
  }

  private NoiseImages() {}

  /** {@code min(requests, MAX_POOL)} distinct images, image {@code i} seeded with {@code seed + i}. */
  public static List<String> pool(int requests, int width, int height, Format format, long seed) {
    if (requests < 1) {
      throw new IllegalArgumentException("A pool of noise images needs requests >= 1, got " + requests);
    }
    int size = Math.min(requests, MAX_POOL);
    List<String> urls = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      urls.add(dataUrl(width, height, format, seed + i));
    }
    return List.copyOf(urls);
  }

  /** One noise image as a base64 data URL. */
  public static String dataUrl(int width, int height, Format format, long seed) {
    return "data:" + format.mediaType() + ";base64," + Base64.getEncoder().encodeToString(bytes(width, height, format,
        seed));
  }

  /** One noise image, encoded. */
  public static byte[] bytes(int width, int height, Format format, long seed) {
    checkSide("width", width);
    checkSide("height", height);
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    int[] pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = random.nextInt() & 0xFFFFFF;
    }
    return format == Format.PNG ? PngEncoder.encode(pixels, width, height) : encodeJpeg(image);
  }

  private static byte[] encodeJpeg(BufferedImage image) {
    Format format = Format.JPEG;
    Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName(format.imageIoName);
    if (!writers.hasNext()) {
      throw new IllegalStateException("This JVM has no ImageIO writer for " + format.imageIoName);
    }
    ImageWriter writer = writers.next();
    ByteArrayOutputStream out = new ByteArrayOutputStream(image.getWidth() * image.getHeight() * 3 + 1024);
    try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
      writer.setOutput(stream);
      ImageWriteParam param = writer.getDefaultWriteParam();
      if (param.canWriteCompressed()) {
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(0.9f); // a usual photo quality
      }
      writer.write(null, new IIOImage(image, null, null), param);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot encode a noise image as " + format.imageIoName, e);
    } finally {
      writer.dispose();
    }
    return out.toByteArray();
  }

  private static void checkSide(String name, int value) {
    if (value < 1 || value > MAX_SIDE) {
      throw new IllegalArgumentException(
          "Invalid image " + name + " " + value + ": expected an integer in [1, " + MAX_SIDE + "] pixels");
    }
  }
}
