package io.verilock.engine.face;

/** An axis-aligned rectangle in input-image pixels. */
public record Box(double x, double y, double width, double height) {
    public double centerX() { return x + width / 2; }
    public double centerY() { return y + height / 2; }
    public double area() { return width * height; }
}
