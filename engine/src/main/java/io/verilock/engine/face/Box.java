package io.verilock.engine.face;

/** An axis-aligned rectangle in input-image pixels. */
public record Box(double x, double y, double width, double height) {
    public double centerX() { return x + width / 2; }
    public double centerY() { return y + height / 2; }
    public double area() { return width * height; }

    /** Intersection over union with another box: 0 apart, 1 identical. */
    public double iou(Box o) {
        double ix = Math.max(0, Math.min(x + width, o.x + o.width) - Math.max(x, o.x));
        double iy = Math.max(0, Math.min(y + height, o.y + o.height) - Math.max(y, o.y));
        double union = area() + o.area() - ix * iy;
        return union <= 0 ? 0 : ix * iy / union;
    }
}
