package io.verilock.engine.face;

/** Small distance helpers over mesh points. */
final class Geometry {
    private Geometry() {}

    static double distance3(Landmarks m, int a, int b) {
        double dx = m.x(a) - m.x(b), dy = m.y(a) - m.y(b), dz = m.z(a) - m.z(b);
        return Math.sqrt(dx * dx + dy * dy + dz * dz);
    }
}
