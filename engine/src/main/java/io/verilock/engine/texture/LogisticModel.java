package io.verilock.engine.texture;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * L2-regularised logistic regression on standardised features: p = σ(bias + Σ wᵢ·(xᵢ − meanᵢ)/scaleᵢ). Trained by
 * Newton's method (the problem is small: about a hundred features, a few thousand samples), stored as JSON.
 *
 * @param description what the model scores and how it was trained (free text, kept with the coefficients)
 * @param mean        per-feature training mean
 * @param scale       per-feature training standard deviation (1 where a feature was constant)
 * @param weights     per-feature weight on the standardised feature
 * @param bias        intercept
 */
public record LogisticModel(
        @JsonProperty("description") String description,
        @JsonProperty("mean") double[] mean,
        @JsonProperty("scale") double[] scale,
        @JsonProperty("weights") double[] weights,
        @JsonProperty("bias") double bias) {

    public LogisticModel {
        if (mean.length != weights.length || scale.length != weights.length) {
            throw new IllegalArgumentException("mean, scale and weights must have the same length");
        }
    }

    public int features() {
        return weights.length;
    }

    /** The linear score (log-odds). */
    public double logit(double[] x) {
        if (x.length != weights.length) throw new IllegalArgumentException("expected " + weights.length + " features, got " + x.length);
        double z = bias;
        for (int i = 0; i < x.length; i++) z += weights[i] * (x[i] - mean[i]) / scale[i];
        return z;
    }

    public double probability(double[] x) {
        return sigmoid(logit(x));
    }

    static double sigmoid(double z) {
        return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
    }

    /**
     * Fits the model.
     *
     * @param x       samples × features
     * @param y       labels, 1 = positive class
     * @param weight  per-sample weights (e.g. to balance classes or groups)
     * @param lambda  L2 penalty on the standardised weights (not on the bias), in units of summed sample weight
     */
    public static LogisticModel fit(double[][] x, int[] y, double[] weight, double lambda, String description) {
        int n = x.length, d = x[0].length;
        double[] mean = new double[d], scale = new double[d];
        double wsum = 0;
        for (int i = 0; i < n; i++) wsum += weight[i];
        for (int i = 0; i < n; i++) for (int j = 0; j < d; j++) mean[j] += weight[i] * x[i][j] / wsum;
        for (int i = 0; i < n; i++) for (int j = 0; j < d; j++) scale[j] += weight[i] * Math.pow(x[i][j] - mean[j], 2) / wsum;
        for (int j = 0; j < d; j++) scale[j] = scale[j] > 1e-12 ? Math.sqrt(scale[j]) : 1;
        double[][] z = new double[n][d + 1];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) z[i][j] = (x[i][j] - mean[j]) / scale[j];
            z[i][d] = 1;
        }
        double[] beta = new double[d + 1];
        for (int iter = 0; iter < 50; iter++) {
            double[] grad = new double[d + 1];
            double[][] hess = new double[d + 1][d + 1];
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int j = 0; j <= d; j++) s += beta[j] * z[i][j];
                double p = sigmoid(s), r = weight[i] * (p - y[i]), h = weight[i] * Math.max(p * (1 - p), 1e-9);
                double[] zi = z[i];
                for (int j = 0; j <= d; j++) {
                    grad[j] += r * zi[j];
                    double hz = h * zi[j];
                    double[] row = hess[j];
                    for (int k = 0; k <= j; k++) row[k] += hz * zi[k];
                }
            }
            for (int j = 0; j < d; j++) {
                grad[j] += lambda * beta[j];
                hess[j][j] += lambda;
            }
            hess[d][d] += 1e-9;
            for (int j = 0; j <= d; j++) for (int k = 0; k < j; k++) hess[k][j] = hess[j][k];
            double[] step = solveSpd(hess, grad);
            double change = 0;
            for (int j = 0; j <= d; j++) {
                beta[j] -= step[j];
                change = Math.max(change, Math.abs(step[j]));
            }
            if (change < 1e-7) break;
        }
        return new LogisticModel(description, mean, scale, Arrays.copyOf(beta, d), beta[d]);
    }

    /** Solves A·x = b for a symmetric positive-definite A (Cholesky). */
    static double[] solveSpd(double[][] a, double[] b) {
        int n = b.length;
        double[][] l = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double s = a[i][j];
                for (int k = 0; k < j; k++) s -= l[i][k] * l[j][k];
                if (i == j) l[i][i] = Math.sqrt(Math.max(s, 1e-12));
                else l[i][j] = s / l[j][j];
            }
        }
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double s = b[i];
            for (int k = 0; k < i; k++) s -= l[i][k] * y[k];
            y[i] = s / l[i][i];
        }
        double[] x = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double s = y[i];
            for (int k = i + 1; k < n; k++) s -= l[k][i] * x[k];
            x[i] = s / l[i][i];
        }
        return x;
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public static LogisticModel read(InputStream in) throws IOException {
        return JSON.readValue(in, LogisticModel.class);
    }

    /** The model shipped as a class-path resource. */
    public static LogisticModel resource(String name) {
        try (InputStream in = LogisticModel.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("missing resource " + name);
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void write(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, JSON.writeValueAsString(this) + "\n");
    }
}
