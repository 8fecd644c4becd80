"""Exports a trained pair encoder to ONNX, its big matrices stored as int8 with a float scale per row or column.

ONNX Runtime folds the Cast and Mul that expand them when it loads the session, so inference runs in float32 as if
the weights were float32 rounded to int8 once; the file is ~4x smaller. Also writes a fixture for the Java test:
held-out pairs with the logits torch gives with the same rounded weights.

usage: export.py MODEL.pt LAYERS TOKENS.bin PAIRS.jsonl OUT.onnx FIXTURE.json
"""
import json
import os
import sys

import numpy as np
import onnx
import torch
from onnx import TensorProto, helper, numpy_helper

from model import CrossEncoder, quantize_rows
from qqp import read

checkpoint, layers, tokens, pairs_file, out, fixture = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5], sys.argv[6]
model = CrossEncoder(layers)
state = torch.load(checkpoint)
# Round once here, so torch's reference logits and the int8 file describe the same weights (torch Linear is [out, in]:
# one scale per output row; export.py below stores the transposed [in, out] MatMul weight with one scale per column).
for name, t in state.items():
    if t.ndim == 2 and t.numel() >= 100_000:
        state[name] = quantize_rows(t)
model.load_state_dict(state)
model.eval()

ids = torch.tensor([[101, 2129, 2079, 1045, 102, 2129, 2064, 1045, 102]])
types = torch.tensor([[0, 0, 0, 0, 0, 1, 1, 1, 1]])
float_file = out + '.float32.tmp'
torch.onnx.export(model, (ids, types, torch.ones_like(ids)), float_file,
                  input_names=['input_ids', 'token_type_ids', 'attention_mask'], output_names=['logits'],
                  opset_version=14, do_constant_folding=True,
                  dynamic_axes={n: {0: 'batch', 1: 'tokens'} for n in ('input_ids', 'token_type_ids', 'attention_mask')}
                  | {'logits': {0: 'batch'}})
graph = onnx.load(float_file)
os.remove(float_file)
gathered = {n.input[0] for n in graph.graph.node if n.op_type == 'Gather'}
multiplied = {n.input[1] for n in graph.graph.node if n.op_type in ('MatMul', 'Gemm')}
kept, expand = [], []
for init in graph.graph.initializer:
    w = numpy_helper.to_array(init)
    if w.ndim == 2 and w.size >= 100_000 and w.dtype == np.float32 and (init.name in gathered or init.name in multiplied):
        axis = 1 if init.name in gathered else 0  # a scale per embedding row, or per output column of a [in, out] weight
        scale = (np.abs(w).max(axis=axis, keepdims=True) / 127.0).clip(min=1e-8).astype(np.float32)
        q = np.clip(np.round(w / scale), -127, 127).astype(np.int8)
        kept += [numpy_helper.from_array(q, init.name + '_int8'), numpy_helper.from_array(scale, init.name + '_scale')]
        expand += [helper.make_node('Cast', [init.name + '_int8'], [init.name + '_float'], to=TensorProto.FLOAT),
                   helper.make_node('Mul', [init.name + '_float', init.name + '_scale'], [init.name])]
    else:
        kept.append(init)
del graph.graph.initializer[:]
graph.graph.initializer.extend(kept)
for node in reversed(expand):
    graph.graph.node.insert(0, node)
graph.producer_name = 'detour tools/pair-encoder'
onnx.checker.check_model(graph)
onnx.save(graph, out)
print('wrote', out, os.path.getsize(out), 'bytes')

texts = {}
with open(pairs_file) as f:
    for line in f:
        p = json.loads(line)
        texts[p['id']] = (p['text_a'], p['text_b'])
held = [r for r in read(tokens)['held_out'] if r[2] == 0][:16]
cases = []
with torch.no_grad():
    for pair_id, label, _, ids, types in held:
        t = torch.tensor([ids])
        logit = float(model(t, torch.tensor([types]), torch.ones_like(t))[0])
        cases.append({'cached': texts[pair_id][0], 'query': texts[pair_id][1], 'ids': ids, 'logit': round(logit, 5)})
with open(fixture, 'w') as f:
    json.dump({'about': 'held-out QQP pairs: token ids and logits from torch with the shipped int8-rounded weights '
                        '(tools/pair-encoder/export.py)', 'cases': cases}, f, indent=1)
print('wrote', fixture, len(cases), 'cases')
