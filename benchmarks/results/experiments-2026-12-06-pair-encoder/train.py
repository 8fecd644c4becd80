"""Fine-tunes the pair encoder on the QQP training split and prints what it reaches on validation and held-out pairs.

usage: train.py TOKENS.bin MINILM_FP32.onnx LAYERS EPOCHS OUT.pt
"""
import math
import random
import sys
import time

import torch
import torch.nn.functional as F

from minilm import load_minilm
from model import CrossEncoder, init_from_minilm, quantize_rows
from qqp import read

torch.set_num_threads(2)
torch.manual_seed(7)
random.seed(7)
tokens, minilm, layers, epochs, out = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4]), sys.argv[5]
BATCH = 32
data = read(tokens)
model = CrossEncoder(layers)
init_from_minilm(model, load_minilm(minilm))
# The word embeddings stay as MiniLM learned them, rounded to int8 as they ship: training sees the shipped values.
with torch.no_grad():
    model.word.weight.copy_(quantize_rows(model.word.weight))
model.word.weight.requires_grad_(False)
params = [p for p in model.parameters() if p.requires_grad]

by_pair = {}
for r in data['train']:
    by_pair.setdefault(r[0], []).append(r)
pairs = list(by_pair.values())


def batches():
    """One order per pair, drawn anew each epoch (which text was cached must not matter); similar lengths batched."""
    recs = [random.choice(p) for p in pairs]
    recs.sort(key=lambda r: len(r[3]) + random.random())
    bs = [recs[i:i + BATCH] for i in range(0, len(recs), BATCH)]
    random.shuffle(bs)
    return bs


def tensors(batch):
    t = max(len(r[3]) for r in batch)
    ids = torch.tensor([r[3] + [0] * (t - len(r[3])) for r in batch])
    types = torch.tensor([r[4] + [0] * (t - len(r[4])) for r in batch])
    mask = torch.tensor([[1] * len(r[3]) + [0] * (t - len(r[3])) for r in batch])
    return ids, types, mask, torch.tensor([float(r[1]) for r in batch])


total = int(math.ceil(len(pairs) / BATCH) * epochs)
warm = max(1, total // 20)
opt = torch.optim.AdamW(params, lr=1e-4, weight_decay=0.01)
sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: min((s + 1) / warm, max(0.0, (total - s) / (total - warm))))
step, start, running = 0, time.time(), None
while step < total:
    for b in batches():
        if step >= total:
            break
        model.train()
        ids, types, mask, y = tensors(b)
        loss = F.binary_cross_entropy_with_logits(model(ids, types, mask), y)
        opt.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(params, 1.0)
        opt.step()
        sched.step()
        step += 1
        running = loss.item() if running is None else 0.98 * running + 0.02 * loss.item()
        if step % 50 == 0:
            el = time.time() - start
            print(f'step {step}/{total} loss {running:.4f} {el:.0f}s elapsed, eta {el / step * (total - step):.0f}s', flush=True)
torch.save(model.state_dict(), out)
print('saved', out, flush=True)


def best_recall(scores, min_precision):
    """(threshold, precision, recall) with the most recall at or above min_precision, by the raw score alone."""
    s = sorted(scores, key=lambda x: -x[1])
    positives = sum(label for label, _ in s)
    hits = correct = 0
    best = None
    for label, score in s:
        hits += 1
        correct += label
        if correct / hits >= min_precision:
            best = (round(score, 3), round(correct / hits, 3), round(correct / positives, 3))
    return best


model.eval()
with torch.no_grad():
    for part in ('validation', 'held_out'):
        recs = [r for r in data[part] if r[2] == 0]  # text_a cached, text_b asked
        scores = []
        for i in range(0, len(recs), 64):
            b = recs[i:i + 64]
            ids, types, mask, _ = tensors(b)
            scores += [(r[1], float(s)) for r, s in zip(b, model(ids, types, mask))]
        print(part, 'encoder alone, most recall at precision >= 0.95:', best_recall(scores, 0.95),
              '>= 0.97:', best_recall(scores, 0.97), flush=True)
