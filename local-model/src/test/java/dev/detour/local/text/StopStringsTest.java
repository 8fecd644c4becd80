package dev.detour.local.text;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StopStringsTest {

    @Test
    void textThatMightStartAStopStringIsHeldBackUntilKnown() {
        StopStrings stops = new StopStrings(List.of("END"));
        assertThat(stops.accept("hello E")).isEqualTo("hello ");
        assertThat(stops.accept("N")).isEmpty();
        assertThat(stops.accept("ough")).isEqualTo("ENough");
        assertThat(stops.stopped()).isFalse();
        assertThat(stops.flush()).isEmpty();
    }

    @Test
    void aStopStringSplitAcrossPiecesEndsTheText() {
        StopStrings stops = new StopStrings(List.of("\n\nUser:"));
        StringBuilder out = new StringBuilder();
        for (String piece : List.of("The answer", " is 4.\n", "\nUs", "er: more")) {
            out.append(stops.accept(piece));
        }
        assertThat(stops.stopped()).isTrue();
        assertThat(out).hasToString("The answer is 4.");
        assertThat(stops.accept("ignored")).isEmpty();
    }

    @Test
    void theEarliestOfSeveralStopStringsWins() {
        StopStrings stops = new StopStrings(List.of("world", "lo"));
        assertThat(stops.accept("hello world")).isEqualTo("hel");
        assertThat(StopStrings.cut("hello world", List.of("world", "lo"))).isEqualTo("hel");
    }

    @Test
    void withoutStopStringsEverythingPassesAtOnce() {
        StopStrings stops = new StopStrings(List.of());
        assertThat(stops.accept("abc")).isEqualTo("abc");
        assertThat(StopStrings.cut("abc", List.of())).isEqualTo("abc");
    }

    @Test
    void heldBackTextIsReleasedAtTheEnd() {
        StopStrings stops = new StopStrings(List.of("###"));
        assertThat(stops.accept("a ##")).isEqualTo("a ");
        assertThat(stops.flush()).isEqualTo("##");
    }
}
