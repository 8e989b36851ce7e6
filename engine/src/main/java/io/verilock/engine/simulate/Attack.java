package io.verilock.engine.simulate;

import java.util.Arrays;
import java.util.Locale;

/** What a simulated sequence shows: a rendered subject performing the actions, or one of the attack fixtures. */
public enum Attack {
    /** The textured mesh performing every action (itself an animated photo: label {@code animated_photo}). */
    NONE("none", "animated_photo"),
    /** The photo printed on a card, moved and tilted by a shaking hand; no expression change. */
    PRINT("print", "print"),
    /** A rendered sequence shown on a screen (moiré, gamma and colour shift, glare, bezel) inside a larger scene. */
    REPLAY("replay", "replay"),
    /** One frame repeated. */
    STILL("still", "still"),
    /** A printed photo with the eyes cut out and blinking eyes behind: only the eye regions change. */
    CUTOUT("cutout", "cutout"),
    /** The mesh turned rigidly (a 3-D mask): head turns, no blink or smile. */
    MASK("mask", "mask"),
    /**
     * A deck of still photos of the subject (neutral, smiling, eyes shut, head turned each way), each taken
     * separately (a few degrees and pixels apart), swapped in front of the camera as the challenges come: every frame
     * of one photo is the same picture.
     */
    PHOTO_DECK("photo_deck", "photo_deck"),
    /** The photo deck resent with fresh sensor noise and exposure flicker on every frame, so that no pixel repeats. */
    PHOTO_DECK_NOISY("photo_deck_noisy", "photo_deck");

    private final String code, species;

    Attack(String code, String species) {
        this.code = code;
        this.species = species;
    }

    public String code() { return code; }

    /** The evaluation label of sequences of this kind (ISO/IEC 30107-3 attack species). */
    public String species() { return species; }

    public static Attack fromCode(String code) {
        String c = code.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(a -> a.code.equals(c)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("unknown attack '" + code + "' (expected print, replay, still, cutout, mask, photo_deck or photo_deck_noisy)"));
    }
}
