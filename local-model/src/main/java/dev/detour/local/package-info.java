/** A small decoder-only model run in process with ONNX Runtime, the gateway's last tier. Knows nothing of HTTP. */
package dev.detour.local;
