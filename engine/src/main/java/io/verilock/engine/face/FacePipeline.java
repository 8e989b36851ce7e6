package io.verilock.engine.face;

import io.verilock.engine.image.DecodedImage;
import io.verilock.engine.image.ImageDecoder;
import io.verilock.engine.image.ImageInputException;
import io.verilock.engine.image.PixelFingerprint;
import io.verilock.engine.model.FaceModel;
import io.verilock.engine.model.ModelStore;
import io.verilock.engine.model.OnnxModel;
import io.verilock.engine.texture.FaceRegion;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The chain MediaPipe and the human library use: detector → rotated face crop → 468-point mesh (optionally again on
 * a crop placed from the first mesh) → iris on eye crops, emotion on the face crop, MiniFASNet anti-spoofing on
 * context crops of the frame around the face box; then geometry (pose, eyes, smile) and quality. Not thread-safe: one pipeline per thread (models hold reusable buffers).
 */
public final class FacePipeline implements FaceAnalyzer {
    static final int MESH_INPUT = 192;
    static final int IRIS_INPUT = 64;
    private static final String[] EMOTIONS = {"angry", "disgust", "fear", "happy", "sad", "surprise", "neutral"};

    private final AnalyzerSettings settings;
    private final ImageDecoder decoder = new ImageDecoder();
    private final OnnxModel detectorModel, fullRangeModel, mesh, iris, emotion;
    /** Null when the anti-spoofing model's files are not available (texture.live then has no model behind it). */
    private final MiniFasNet antiSpoof;
    private final FaceDetector detector, fullRange;
    private final PoseEstimator poses;
    private final EyeMeter eyes;
    private final TextureScorer texture = new TextureScorer();
    private final QualityCheck quality;
    private ModelTimer timer = ModelTimer.NONE;

    public FacePipeline(AnalyzerSettings settings) {
        this(settings, ModelStore.fromEnvironment());
    }

    /** With the anti-spoofing model from {@code models} (its verified local files; this never uses the network). */
    public FacePipeline(AnalyzerSettings settings, ModelStore models) {
        this.settings = settings;
        int t = settings.threads();
        detectorModel = OnnxModel.load(FaceModel.BLAZEFACE_FRONT, t);
        fullRangeModel = settings.fullRange() == AnalyzerSettings.FullRange.OFF ? null
                : OnnxModel.load(FaceModel.FACEMESH_DETECTION_FULL, t);
        mesh = OnnxModel.load(FaceModel.FACEMESH, t);
        iris = OnnxModel.load(FaceModel.IRIS, t);
        emotion = OnnxModel.load(FaceModel.EMOTION, t);
        antiSpoof = MiniFasNet.open(models, t).orElse(null);
        // BlazeFace was trained on pixels mapped to -1..1.
        detector = new FaceDetector(detectorModel, FaceDetector.Layout.SHORT_RANGE, 2f / 255f, -1f,
                settings.minDetectorScore(), 0.3);
        // The full-range model too was trained on pixels mapped to -1..1.
        fullRange = fullRangeModel == null ? null : new FaceDetector(fullRangeModel, FaceDetector.Layout.FULL_RANGE,
                2f / 255f, -1f, settings.minDetectorScore(), 0.3);
        poses = new PoseEstimator(settings.pitchOffsetDegrees());
        eyes = new EyeMeter(settings.eyeClosedRatio(), settings.eyeOpenRatio());
        quality = new QualityCheck(settings);
    }

    /** Receives each model's inference time; the benchmark uses it. */
    public void setTimer(ModelTimer timer) {
        this.timer = timer;
    }

    @Override
    public FrameAnalysis analyzeFile(Path file, FrameAnalysis previous) throws ImageInputException {
        try (DecodedImage image = timedDecode(() -> decoder.read(file))) {
            return analyze(image, previous);
        }
    }

    @Override
    public FrameAnalysis analyzeBytes(byte[] encoded, FrameAnalysis previous) throws ImageInputException {
        try (DecodedImage image = timedDecode(() -> decoder.decode(encoded))) {
            return analyze(image, previous);
        }
    }

    /**
     * Analyses one frame. With the previous frame's analysis of the same video, a face the detector misses (BlazeFace
     * loses heads turned past about 45°) is looked for again where it was, as MediaPipe tracks from landmarks. When
     * that finds no face, the full-range detector looks for faces too small for the short-range one (a face under
     * about a fifth of the frame's long side); with {@link AnalyzerSettings.FullRange#ALWAYS} it also runs beside it.
     * Between detections (every {@link AnalyzerSettings#detectEvery()} frames) the faces of the previous frame are
     * only followed from their landmarks, saving the detector's time on most frames of a video.
     */
    public FrameAnalysis analyze(DecodedImage image, FrameAnalysis previous) {
        return analyze(image, previous, true);
    }

    @Override
    public FrameAnalysis analyzeStreamed(byte[] encoded, FrameAnalysis previous) throws ImageInputException {
        try (DecodedImage image = timedDecode(() -> decoder.decode(encoded))) {
            return analyze(image, previous, false);
        }
    }

    @Override
    public StreamedFrame stream(byte[] encoded, FrameAnalysis previous) throws ImageInputException {
        return streamed(timedDecode(() -> decoder.decode(encoded)), previous);
    }

    @Override
    public StreamedFrame streamFile(Path file, FrameAnalysis previous) throws ImageInputException {
        return streamed(timedDecode(() -> decoder.read(file)), previous);
    }

    /** The frame analysed without texture; the decoded pixels stay until closed, for texture on request. */
    private StreamedFrame streamed(DecodedImage image, FrameAnalysis previous) {
        FrameAnalysis analysis;
        try {
            analysis = analyze(image, previous, false);
        } catch (RuntimeException e) {
            image.close();
            throw e;
        }
        return new StreamedFrame() {
            @Override
            public FrameAnalysis analysis() { return analysis; }

            @Override
            public Texture texture(FaceObservation face) {
                // texture reads only the pixels, the box and the landmark region: it equals a full analysis's
                return FacePipeline.this.texture(image.bgr(), face.box(), textureRegion(face.box(), face.landmarks()));
            }

            @Override
            public void close() { image.close(); }
        };
    }

    private FrameAnalysis analyze(DecodedImage image, FrameAnalysis previous, boolean withTexture) {
        Mat bgr = image.bgr();
        if (previous != null && !previous.faces().isEmpty()
                && previous.framesSinceDetection() + 1 < settings.detectEvery()) {
            // Follow every face from its landmarks, as MediaPipe does between detections; any face lost sends
            // this frame through the detectors after all. A face entering the frame waits for the next detection.
            List<FaceObservation> faces = new ArrayList<>();
            List<Crop> crops = new ArrayList<>();
            for (FaceObservation f : previous.faces()) crops.add(cropAround(f.landmarks()));
            fit(bgr, crops, faces, false, withTexture);
            if (faces.size() == previous.faces().size()) {
                return new FrameAnalysis(image.width(), image.height(), sorted(faces), previous.framesSinceDetection() + 1,
                        PixelFingerprint.of(bgr));
            }
        }
        return new FrameAnalysis(image.width(), image.height(), sorted(detect(bgr, previous, withTexture)), 0,
                PixelFingerprint.of(bgr));
    }

    private List<FaceObservation> sorted(List<FaceObservation> faces) {
        faces.sort(Comparator.comparingDouble((FaceObservation f) -> f.box().area()).reversed());
        return quality.flagSeveralFaces(faces);
    }

    private List<FaceObservation> detect(Mat bgr, FrameAnalysis previous, boolean withTexture) {
        long t0 = System.nanoTime();
        List<Detection> detections = detector.detect(bgr);
        timer.record("detector", System.nanoTime() - t0);
        List<Crop> crops = new ArrayList<>();
        for (Detection d : detections) crops.add(cropFor(d));
        if (previous != null) {
            for (FaceObservation f : previous.faces()) {
                boolean detected = detections.stream().anyMatch(d -> d.box().iou(f.box()) > 0.2);
                if (!detected) crops.add(cropAround(f.landmarks()));
            }
        }
        List<FaceObservation> faces = new ArrayList<>();
        fit(bgr, crops, faces, false, withTexture);
        boolean always = settings.fullRange() == AnalyzerSettings.FullRange.ALWAYS;
        if (fullRange != null && (faces.isEmpty() || always) && faces.size() < settings.maxFaces()) {
            long t1 = System.nanoTime();
            List<Detection> far = fullRange.detect(bgr);
            timer.record("full-range", System.nanoTime() - t1);
            List<Crop> more = new ArrayList<>();
            for (Detection d : far) {
                if (faces.stream().noneMatch(f -> d.box().iou(f.box()) > 0.2)) more.add(cropFor(d));
            }
            fit(bgr, more, faces, true, withTexture);
        }
        return faces;
    }

    /**
     * Runs the mesh on each crop in turn, adding each face it confirms that is not already in {@code faces}. With
     * {@code retryRejected} a crop the mesh rejects gets one more try on the crop its landmarks call for: the
     * full-range detector's boxes for faces of a few dozen pixels are loose enough that the first fit is often
     * below threshold where the refit is not (zubair replay frame 31 is found only so).
     */
    private void fit(Mat bgr, List<Crop> crops, List<FaceObservation> faces, boolean retryRejected, boolean withTexture) {
        for (Crop crop : crops) {
            if (faces.size() == settings.maxFaces()) break;
            MeshFit fit = fitMesh(bgr, crop);
            boolean rejected = fit.confidence < settings.minMeshConfidence();
            if (rejected && !retryRejected) {
                fit.release();
                continue;
            }
            Crop better = cropAround(fit.landmarks);
            if (rejected || settings.refineWithMesh() && misplaced(crop, better)) {
                MeshFit refined = fitMesh(bgr, better);
                if (refined.confidence >= settings.minMeshConfidence()) {
                    fit.release();
                    fit = refined;
                } else {
                    refined.release();
                }
            }
            if (fit.confidence < settings.minMeshConfidence()) {
                fit.release();
                continue;
            }
            Box box = bounds(fit.landmarks);
            if (faces.stream().noneMatch(f -> f.box().iou(box) > 0.5)) faces.add(observe(bgr, fit, box, withTexture));
            fit.release();
        }
    }

    /**
     * The mesh crop for a detection. BlazeFace's box spans brows to mouth, while the mesh's own crop (what the model
     * was trained on) spans forehead to chin: measured over 49 frames of five sources, the landmark crop sits 5% of
     * its side higher along the face's axis and is 9% larger. Correcting for that lets most faces skip the refit.
     */
    private Crop cropFor(Detection d) {
        double side = Math.max(d.box().width(), d.box().height()) * settings.cropScale() * 1.09;
        double roll = d.roll(), up = 0.05 * side;
        return new Crop(d.box().centerX() + up * Math.sin(roll), d.box().centerY() - up * Math.cos(roll), side, roll, MESH_INPUT);
    }

    /**
     * Whether the crop the mesh ran on is far from the one its landmarks call for (off-centre, wrong scale or
     * tilted): then a second run on the landmark crop is worth its cost. A detector box is usually close enough.
     */
    private static boolean misplaced(Crop used, Crop wanted) {
        double shift = Math.hypot(used.centerX - wanted.centerX, used.centerY - wanted.centerY) / wanted.side;
        double scale = Math.abs(used.side / wanted.side - 1);
        double turn = Math.abs(Math.toDegrees(Math.atan2(Math.sin(used.angle - wanted.angle), Math.cos(used.angle - wanted.angle))));
        return shift > 0.06 || scale > 0.12 || turn > 10;
    }

    /** A level crop around the mesh, as MediaPipe tracks a face from its previous landmarks. */
    private Crop cropAround(Landmarks m) {
        Box b = bounds(m);
        double roll = Math.atan2(m.y(MeshPoints.LEFT_EYE_OUTER) - m.y(MeshPoints.RIGHT_EYE_OUTER),
                m.x(MeshPoints.LEFT_EYE_OUTER) - m.x(MeshPoints.RIGHT_EYE_OUTER));
        double side = Math.max(b.width(), b.height()) * settings.cropScale();
        return new Crop(b.centerX(), b.centerY(), side, roll, MESH_INPUT);
    }

    /** Mesh landmarks mapped to image pixels (z scaled like x), with the face crop kept for the other models. */
    private MeshFit fitMesh(Mat bgr, Crop crop) {
        Mat face = crop.warp(bgr);
        long t = System.nanoTime();
        float[][] out = mesh.run(Tensors.rgb(face, 1f / 255f, 0f), 1);
        timer.record("facemesh", System.nanoTime() - t);
        float[] raw = out[0];
        float[] xyz = new float[Landmarks.COUNT * 3];
        double s = crop.pixelScale();
        for (int i = 0; i < Landmarks.COUNT; i++) {
            double u = raw[3 * i], v = raw[3 * i + 1];
            xyz[3 * i] = (float) crop.imageX(u, v);
            xyz[3 * i + 1] = (float) crop.imageY(u, v);
            xyz[3 * i + 2] = (float) (raw[3 * i + 2] * s);
        }
        return new MeshFit(crop, face, raw, new Landmarks(xyz), out[1][0]);
    }

    private FaceObservation observe(Mat bgr, MeshFit fit, Box box, boolean withTexture) {
        Landmarks m = fit.landmarks;
        EyeState eyeState = measureEyes(fit);
        Map<String, Double> expression = emotions(fit.face);
        double smile = settings.smile().measure(m, expression.getOrDefault("happy", 0.0));
        Texture tex = withTexture ? texture(bgr, box, textureRegion(box, m)) : Texture.NOT_MEASURED;
        return new FaceObservation(box, fit.confidence, m, poses.estimate(m), eyeState, smile, expression, tex,
                quality.measure(bgr, box, m));
    }

    /**
     * Eye openness from the iris model's eyelid contour, which follows a closing lid more closely than the mesh;
     * each eye is cropped from the upright face crop as the human library does (2.3× the corner distance).
     */
    private EyeState measureEyes(MeshFit fit) {
        float[] input = new float[2 * IRIS_INPUT * IRIS_INPUT * 3];
        Crop left = eyeCrop(fit.raw, MeshPoints.LEFT_EYE_OUTER, MeshPoints.LEFT_EYE_INNER);
        Crop right = eyeCrop(fit.raw, MeshPoints.RIGHT_EYE_OUTER, MeshPoints.RIGHT_EYE_INNER);
        Mat l = left.warp(fit.face), r = right.warp(fit.face);
        // The model was trained on one eye side; the other is mirrored in and out.
        Tensors.rgb(l, 1f / 255f, 0f, input, 0, true);
        Tensors.rgb(r, 1f / 255f, 0f, input, IRIS_INPUT * IRIS_INPUT * 3, false);
        l.release();
        r.release();
        long t = System.nanoTime();
        float[][] out = iris.run(input, 2);
        timer.record("iris", System.nanoTime() - t);
        float[] data = out[0];
        int per = data.length / 2;
        return new EyeState(
                eyes.openness(IrisContour.aspectRatio(data, 0, true)),
                eyes.openness(IrisContour.aspectRatio(data, per, false)));
    }

    private static Crop eyeCrop(float[] raw, int outer, int inner) {
        double x0 = raw[3 * outer], y0 = raw[3 * outer + 1], x1 = raw[3 * inner], y1 = raw[3 * inner + 1];
        double side = 2.3 * Math.max(Math.abs(x1 - x0), Math.abs(y1 - y0));
        return new Crop((x0 + x1) / 2, (y0 + y1) / 2, side, 0, IRIS_INPUT);
    }

    private Map<String, Double> emotions(Mat face) {
        Mat small = resized(face, 64);
        long t = System.nanoTime();
        float[] p = emotion.run(Tensors.grey(small), 1)[0];
        timer.record("emotion", System.nanoTime() - t);
        small.release();
        Map<String, Double> out = new LinkedHashMap<>();
        for (int i = 0; i < EMOTIONS.length; i++) out.put(EMOTIONS[i], (double) p[i]);
        return out;
    }

    private Texture texture(Mat bgr, Box box, FaceRegion region) {
        MiniFasNet.Score model = null;
        if (antiSpoof != null) {
            long t = System.nanoTime();
            model = antiSpoof.score(bgr, box);
            timer.record("minifasnet", System.nanoTime() - t);
        }
        long t3 = System.nanoTime();
        Texture out = texture.score(bgr, region, model);
        timer.record("texture_cues", System.nanoTime() - t3);
        return out;
    }

    /** Whether the anti-spoofing model is loaded (it is not when its files were missing at start). */
    public boolean antiSpoofingModel() {
        return antiSpoof != null;
    }

    /**
     * The face region the classical texture cues crop: the mesh box and the roll of the line through the outer eye
     * corners. Public so that the training tool aligns its crops exactly as the pipeline does.
     */
    public static FaceRegion textureRegion(Box box, Landmarks m) {
        return FaceRegion.fromMesh(box.x(), box.y(), box.width(), box.height(),
                m.x(MeshPoints.RIGHT_EYE_OUTER), m.y(MeshPoints.RIGHT_EYE_OUTER),
                m.x(MeshPoints.LEFT_EYE_OUTER), m.y(MeshPoints.LEFT_EYE_OUTER));
    }

    private static Mat resized(Mat src, int size) {
        Mat out = new Mat();
        Imgproc.resize(src, out, new Size(size, size), 0, 0, Imgproc.INTER_AREA);
        return out;
    }

    private static Box bounds(Landmarks m) {
        return m.bounds();
    }

    private interface Decode {
        DecodedImage run() throws ImageInputException;
    }

    private DecodedImage timedDecode(Decode decode) throws ImageInputException {
        long t = System.nanoTime();
        DecodedImage image = decode.run();
        timer.record("decode", System.nanoTime() - t);
        return image;
    }

    @Override
    public void close() {
        for (OnnxModel m : new OnnxModel[] {detectorModel, fullRangeModel, mesh, iris, emotion}) {
            if (m != null) m.close();
        }
        if (antiSpoof != null) antiSpoof.close();
    }

    /** One mesh inference: the crop it saw (kept for the per-face models), raw crop-space output and landmarks. */
    private static final class MeshFit {
        final Crop crop;
        final Mat face;
        final float[] raw;
        final Landmarks landmarks;
        final double confidence;

        MeshFit(Crop crop, Mat face, float[] raw, Landmarks landmarks, double confidence) {
            this.crop = crop;
            this.face = face;
            this.raw = raw;
            this.landmarks = landmarks;
            this.confidence = confidence;
        }

        void release() {
            face.release();
        }
    }
}
