package dev.detour.gateway.consensus;

/** How consensus rates two answers alike, from 0 (disagree) to 1 (say the same), and the name it goes by. */
public interface AnswerComparer {

    double similarity(String a, String b);

    /** {@code meaning} or {@code lexical}: said in the consensus headers and logs. */
    String name();
}
