package io.verilock.engine.model;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Build step (exec-maven-plugin, {@code process-classes}): converts every {@link FaceModel} from the human-models
 * package to {@code <outDir>/<name>.onnx}. A model is skipped when its ONNX file is newer than its TF.js files and
 * the converter's own classes, so a second build neither downloads nor converts.
 */
public final class ModelConverter {

    private ModelConverter() { }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: ModelConverter <output folder>");
            System.exit(2);
        }
        convertAll(ModelPackage.humanModels(), Path.of(args[0]), List.of(FaceModel.values()));
    }

    /** Converts the stale models; returns the ones converted. */
    static List<FaceModel> convertAll(ModelPackage pkg, Path outDir, List<FaceModel> models) throws IOException {
        Files.createDirectories(outDir);
        FileTime converterTime = converterTime();
        List<FaceModel> stale = new ArrayList<>();
        for (FaceModel m : models) {
            List<Path> inputs = List.of(pkg.modelsDir().resolve(m.modelName() + ".json"),
                    pkg.modelsDir().resolve(m.modelName() + ".bin"));
            if (!isUpToDate(outDir.resolve(m.modelName() + ".onnx"), inputs, converterTime)) stale.add(m);
        }
        if (stale.isEmpty()) return stale;
        Path src = pkg.extract(stale.stream().map(FaceModel::modelName).toList());
        for (FaceModel m : stale) {
            long t0 = System.nanoTime();
            TfjsGraph graph = TfjsGraph.read(src.resolve(m.modelName() + ".json"));
            byte[] onnx = OnnxGraphBuilder.convert(graph, m).toByteArray();
            Path out = outDir.resolve(m.modelName() + ".onnx");
            Path tmp = outDir.resolve(m.modelName() + ".onnx.part");
            try (OutputStream os = Files.newOutputStream(tmp)) {
                os.write(onnx);
            }
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            System.err.printf("verilock: converted %s to ONNX (%d KiB) in %d ms%n", m.modelName(), onnx.length / 1024,
                    (System.nanoTime() - t0) / 1_000_000);
        }
        return stale;
    }

    /** True when {@code output} exists and is newer than every input (all of which must exist) and the converter. */
    static boolean isUpToDate(Path output, List<Path> inputs, FileTime converterTime) throws IOException {
        if (!Files.isRegularFile(output)) return false;
        FileTime out = Files.getLastModifiedTime(output);
        if (converterTime != null && out.compareTo(converterTime) <= 0) return false;
        for (Path in : inputs) {
            if (!Files.isRegularFile(in) || out.compareTo(Files.getLastModifiedTime(in)) <= 0) return false;
        }
        return true;
    }

    /** Newest class file of this package when run from a classes folder (a changed converter reconverts). */
    static FileTime converterTime() throws IOException {
        Path dir;
        try {
            var src = ModelConverter.class.getProtectionDomain().getCodeSource();
            if (src == null) return null;
            dir = Path.of(src.getLocation().toURI()).resolve(ModelConverter.class.getPackageName().replace('.', '/'));
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
        if (!Files.isDirectory(dir)) return null;
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".class")).map(p -> {
                try {
                    return Files.getLastModifiedTime(p);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).max(FileTime::compareTo).orElse(null);
        }
    }
}
