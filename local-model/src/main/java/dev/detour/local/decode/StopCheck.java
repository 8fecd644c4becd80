package dev.detour.local.decode;

/** Asked between decode steps whether the generation must end early (deadline passed, caller gone). */
@FunctionalInterface
public interface StopCheck {

    StopCheck NEVER = () -> { };

    /** Throws the reason to stop, or returns to go on. */
    void check();
}
