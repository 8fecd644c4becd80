package dev.detour.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class WrkLoadGeneratorTest {

    @Test
    void readsTheFiguresTheLuaScriptPrints() {
        String output = """
                Running 10s test @ http://127.0.0.1:4000/v1/chat/completions
                  1 threads and 64 connections
                BENCH_RESULT 123456 10000500 0 1 0 2 3 812.0 2950.5
                """;

        LoadResult result = WrkLoadGenerator.parse(output);

        assertThat(result.requests()).isEqualTo(123456);
        assertThat(result.errors()).isEqualTo(6);
        assertThat(result.seconds()).isCloseTo(10.0005, within(1e-9));
        assertThat(result.p50Micros()).isEqualTo(812.0);
        assertThat(result.p99Micros()).isEqualTo(2950.5);
    }

    @Test
    void readsWrksOwnCpuTimeFromBashTimes() {
        assertThat(WrkLoadGenerator.childCpuSeconds("0m0.001s 0m0.002s\n1m2.500s 0m0.250s\n"))
                .isCloseTo(62.75, within(1e-9));
        assertThat(WrkLoadGenerator.childCpuSeconds("")).isZero();
    }

    @Test
    void theScriptPostsTheBodyAsJson() {
        String script = WrkLoadGenerator.script("{\"stream\":true}");

        assertThat(script).contains("wrk.method = \"POST\"", "application/json", "[==[{\"stream\":true}]==]",
                "BENCH_RESULT %d %d");
    }
}
