package io.verilock.engine.document;

import io.verilock.engine.face.Box;
import io.verilock.engine.face.FaceEmbedding;

/**
 * What was read from one document image.
 *
 * @param mrz       the machine-readable zone, or null when none was found
 * @param portrait  the largest face on the document (image pixels), or null
 * @param embedding the portrait's identity embedding, or null without a portrait
 */
public record DocumentReading(Mrz mrz, Box portrait, FaceEmbedding embedding) { }
