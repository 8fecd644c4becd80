package dev.detour.gateway.contract;

import dev.detour.gateway.providers.ProviderKind;
import dev.detour.sim.ProviderSim;

import java.util.List;

import static dev.detour.gateway.contract.SimGateway.PATIENT;
import static dev.detour.gateway.contract.SimGateway.chatModel;
import static dev.detour.gateway.contract.SimGateway.embeddingModel;
import static dev.detour.gateway.contract.SimGateway.provider;
import static dev.detour.gateway.contract.SimGateway.route;
import static dev.detour.gateway.contract.SimGateway.tier;

/** The gateway the schema and client tests share: one route per upstream family, every family answered by the sim. */
final class FamilyRoutes {

    /** Routes a client names as {@code model}; each goes to the sim through a different provider family. */
    static final String VIA_OPENAI = "via-openai";
    static final String VIA_ANTHROPIC = "via-anthropic";
    static final String VIA_GEMINI = "via-gemini";
    static final String EMBED_VIA_OPENAI = "embed-via-openai";
    static final String EMBED_VIA_GEMINI = "embed-via-gemini";

    /** The sim's model behind each chat route, for attempt counts. */
    static final String OPENAI_MODEL = "gpt-sim";
    static final String ANTHROPIC_MODEL = "claude-sim";
    static final String GEMINI_MODEL = "gemini-sim";

    private FamilyRoutes() {
    }

    static SimGateway start(ProviderSim sim) {
        return SimGateway.start(
                List.of(provider(sim, "openai", ProviderKind.OPENAI, chatModel(OPENAI_MODEL), embeddingModel("embed-sim")),
                        provider(sim, "anthropic", ProviderKind.ANTHROPIC, chatModel(ANTHROPIC_MODEL)),
                        provider(sim, "gemini", ProviderKind.GEMINI, chatModel(GEMINI_MODEL),
                                embeddingModel("gemini-embed-sim"))),
                List.of(route(VIA_OPENAI, tier("openai", OPENAI_MODEL, PATIENT)),
                        route(VIA_ANTHROPIC, tier("anthropic", ANTHROPIC_MODEL, PATIENT)),
                        route(VIA_GEMINI, tier("gemini", GEMINI_MODEL, PATIENT)),
                        route(EMBED_VIA_OPENAI, tier("openai", "embed-sim", PATIENT)),
                        route(EMBED_VIA_GEMINI, tier("gemini", "gemini-embed-sim", PATIENT))));
    }

    /** The sim model a chat route ends at. */
    static String simModel(String route) {
        return switch (route) {
            case VIA_OPENAI -> OPENAI_MODEL;
            case VIA_ANTHROPIC -> ANTHROPIC_MODEL;
            case VIA_GEMINI -> GEMINI_MODEL;
            default -> throw new IllegalArgumentException(route);
        };
    }
}
