"""Reads all-MiniLM-L6-v2's weights out of the float32 ONNX file LangChain4j ships on Maven Central."""
import onnx
from onnx import numpy_helper


def load_minilm(path):
    """Named weights as numpy arrays, under the Hugging Face BERT names (linear weights as [out, in])."""
    m = onnx.load(path)
    inits = {i.name: numpy_helper.to_array(i) for i in m.graph.initializer}
    consumers = {}
    for n in m.graph.node:
        for i in n.input:
            consumers.setdefault(i, []).append(n)
    w = {k: v for k, v in inits.items() if not k.startswith('onnx::')}
    # The export left each linear layer's weight unnamed ("onnx::MatMul_123"); its bias, added right after, is named.
    for n in m.graph.node:
        if n.op_type == 'MatMul' and n.input[1] in inits:
            adds = [c for c in consumers.get(n.output[0], []) if c.op_type == 'Add']
            bias = [i for a in adds for i in a.input if i in inits and not i.startswith('onnx::')]
            assert len(bias) == 1, (n.name, bias)
            w[bias[0].replace('.bias', '.weight')] = inits[n.input[1]].T.copy()
    return w
