package dev.detour.gateway.providers.langchain4j;

import dev.detour.gateway.providers.ProviderKind;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * Which OpenAI request features a family (through its LangChain4j adapter) can honour. Anything not honoured is
 * refused by name when set to a non-default value.
 *
 * @param kind      the family's provider kind, named in refusals
 * @param honoured  the capabilities honoured; every other one is refused
 */
public record FamilySupport(ProviderKind kind, Set<Capability> honoured) {

    public FamilySupport {
        // A private EnumSet copy behind an unmodifiable view: the matrix is fixed once declared, and prints in
        // declaration order.
        EnumSet<Capability> copy = EnumSet.noneOf(Capability.class);
        copy.addAll(honoured);
        honoured = Collections.unmodifiableSet(copy);
    }

    /** A family that honours exactly the listed capabilities. */
    public static FamilySupport of(ProviderKind kind, Capability... honoured) {
        return new FamilySupport(kind, Set.of(honoured));
    }

    /** A family that honours every capability (the OpenAI wire itself). */
    public static FamilySupport everything(ProviderKind kind) {
        return new FamilySupport(kind, EnumSet.allOf(Capability.class));
    }

    public boolean honours(Capability capability) {
        return honoured.contains(capability);
    }
}
