package dev.detour.cache.verify;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class FalseHitGuardTest {

    private final FalseHitGuard guard = new FalseHitGuard();

    private Optional<GuardFinding> find(String cached, String query) {
        return guard.find(ParsedQuestion.of(cached), ParsedQuestion.of(query));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "What is 2+2? | What is 2+3?",
            "What were the best movies of 2016? | What were the best movies of 2017?",
            "Does 128gb OTG pendrive work on moto g3? | Does 64gb OTG pendrive work on moto g3?",
            "How do I lose weight in two weeks? | How do I lose weight in three weeks?",
            "Is there a way to run code inside Sublime Text 3? | Is there a way to run code inside Sublime Text 2?"})
    void rejectsDifferentNumbers(String cached, String query) {
        assertThat(find(cached, query)).contains(GuardFinding.NUMBERS);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Who is the CEO of Apple? | Who is the CEO of Google?",
            "Where can I buy Guinness cans in the UK? | Where can I buy Guinness cans in the US?",
            "What is the weather in Paris on Monday? | What is the weather in Paris on friday?",
            "What are the best classrooms at Berkeley? | What are the best classrooms at Stanford?"})
    void rejectsReplacedNamesAndDates(String cached, String query) {
        assertThat(find(cached, query)).contains(GuardFinding.NAMES);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Is it safe to eat raw eggs? | Is it not safe to eat raw eggs?",
            "Why can't I sleep at night? | Why can I sleep at night?",
            "What can I do now that Picasa is part of Google Photos? | What can I no longer do now that Picasa is part of Google Photos?",
            "Are there Bollywood movies with songs? | Are there Bollywood movies without songs?"})
    void rejectsNegation(String cached, String query) {
        assertThat(find(cached, query)).contains(GuardFinding.NEGATION);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Is it safe to eat raw eggs? | Is it dangerous to eat raw eggs?",
            "Is it safe to eat raw eggs? | Is it unsafe to eat raw eggs?",
            "What are the pros of nuclear power? | What are the cons of nuclear power?",
            "Is gambling legal in Texas? | Is gambling illegal in Texas?",
            "What are the advantages of remote work? | What are the disadvantages of remote work?"})
    void rejectsReversedPolarity(String cached, String query) {
        assertThat(find(cached, query)).contains(GuardFinding.POLARITY);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Cheap flights from Boston to Denver | Cheap flights from Denver to Boston",
            "Is Python faster than Java? | Is Java faster than Python?",
            "How do you convert current source to voltage source? | How do you convert voltage source to current source?",
            "Does Alice love Bob? | Does Bob love Alice?",
            "How do I transfer money from savings to checking? | How do I transfer money from checking to savings?",
            "What North Indians think about South Indians? | What do South Indians think about North Indians?"})
    void rejectsSwappedRoles(String cached, String query) {
        assertThat(find(cached, query)).contains(GuardFinding.SWAPPED_ROLES);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "How can I lose weight quickly? | What is the fastest way to lose weight?",
            "What is the difference between Python and Java? | What is the difference between Java and Python?",
            "How do I learn Python? | What is the best way to learn Python?",
            "What are some good tips for self study? | What are the smart tips for self studying?",
            "Why is Donald Trump so popular? | Why do people like Donald Trump?",
            "What's the capital of France? | What is the capital city of France?",
            "How do I lose weight in 1 month? | How do I lose weight in one month?",
            "What are the best one-minute life hacks? | What are the best 1 minute life hacks?",
            "How can I make friends in college? | How do I make new friends in college?",
            "Which one is better, iPhone or Android? | Which is better: Android or iPhone?",
            "Can't I use my phone abroad? | Cannot I use my phone abroad?"})
    void letsParaphrasesThrough(String cached, String query) {
        assertThat(find(cached, query)).isEmpty();
        assertThat(guard.judge(cached, query, new float[0], new float[0], 0.9).accepted()).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "What is 2+2? | What is 2+3? | guard: numbers",
            "Is it safe to eat raw eggs? | Is it not safe to eat raw eggs? | guard: negation",
            "Cheap flights from Boston to Denver | Cheap flights from Denver to Boston | guard: swapped roles"})
    void verdictSaysWhy(String cached, String query, String reason) {
        Verdict verdict = guard.judge(cached, query, new float[0], new float[0], 0.97);
        assertThat(verdict.accepted()).isFalse();
        assertThat(verdict.reason()).isEqualTo(reason);
    }
}
