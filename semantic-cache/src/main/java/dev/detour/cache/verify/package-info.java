/**
 * Whether a candidate semantic hit may answer a request: the {@link dev.detour.cache.verify.FalseHitGuard} (word rules
 * for numbers, names, negation, polarity and swapped roles) and a verifier trained on QQP pairs, whose parameters ship
 * as {@code verifier-MODEL.txt} next to these classes. {@link dev.detour.cache.verify.HitVerifiers#standard()} is the
 * default chosen in benchmarks/README.md ("Semantic cache quality").
 */
package dev.detour.cache.verify;
