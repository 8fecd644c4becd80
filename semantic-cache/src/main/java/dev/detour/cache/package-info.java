/** The semantic cache: answers for requests seen before, exact or equivalent. Knows nothing of HTTP or providers. */
package dev.detour.cache;
