package dev.detour.local;

/** Receives a streamed generation's text, piece by piece, on the generating thread; pieces are whole characters. */
@FunctionalInterface
public interface TextListener {

    TextListener NONE = piece -> { };

    void onText(String piece);
}
