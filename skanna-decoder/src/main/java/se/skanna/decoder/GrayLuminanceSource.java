package se.skanna.decoder;

import com.google.zxing.LuminanceSource;

/**
 * One camera frame as 8-bit grey values, row by row. It can turn by 90°, so ZXing's harder search also finds
 * bar codes held upright.
 */
final class GrayLuminanceSource extends LuminanceSource {

    private final byte[] pixels;

    GrayLuminanceSource(byte[] pixels, int width, int height) {
        super(width, height);
        if (pixels.length < width * height) {
            throw new IllegalArgumentException("a " + width + "×" + height + " frame needs " + width * height
                    + " grey values, got " + pixels.length);
        }
        this.pixels = pixels;
    }

    @Override
    public byte[] getRow(int y, byte[] row) {
        int width = getWidth();
        byte[] target = row != null && row.length >= width ? row : new byte[width];
        System.arraycopy(pixels, y * width, target, 0, width);
        return target;
    }

    @Override
    public byte[] getMatrix() {
        int size = getWidth() * getHeight();
        if (pixels.length == size) {
            return pixels;
        }
        byte[] matrix = new byte[size];
        System.arraycopy(pixels, 0, matrix, 0, size);
        return matrix;
    }

    @Override
    public boolean isRotateSupported() {
        return true;
    }

    @Override
    public LuminanceSource rotateCounterClockwise() {
        int width = getWidth();
        int height = getHeight();
        byte[] turned = new byte[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                turned[(width - 1 - x) * height + y] = pixels[y * width + x];
            }
        }
        return new GrayLuminanceSource(turned, height, width);
    }
}
