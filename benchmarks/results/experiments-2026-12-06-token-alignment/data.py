import json, numpy as np

M = (1 << 64) - 1

def mix(z):
    z &= M
    z = ((z ^ (z >> 30)) * 0xbf58476d1ce4e5b9) & M
    z = ((z ^ (z >> 27)) * 0x94d049bb133111eb) & M
    return z ^ (z >> 31)

def split_of(pid):
    b = mix(pid) % 10
    return 2 if b < 2 else (1 if b == 2 else 0)  # 0 train, 1 validation, 2 held-out

def load(prefix, pairs='/work/shared/data/qqp/pairs.jsonl', dim=384):
    idx = np.fromfile(prefix + '.idx', dtype='<i4')
    lens, ids, pos = [], [], 0
    while pos < len(idx):
        n = idx[pos]; lens.append(n); ids.append(idx[pos + 1:pos + 1 + n]); pos += 1 + n
    lens = np.array(lens)
    offs = np.zeros(len(lens) + 1, dtype=np.int64); offs[1:] = np.cumsum(lens)
    states = np.fromfile(prefix, dtype='<f2').reshape(-1, dim)
    texts = [json.loads(l) for l in open(prefix + '.texts.jsonl')]
    tid = {t: i for i, t in enumerate(texts)}
    A, B, Y, S, P = [], [], [], [], []
    for l in open(pairs):
        d = json.loads(l)
        A.append(tid[d['text_a']]); B.append(tid[d['text_b']]); Y.append(d['label']); S.append(split_of(d['id'])); P.append(d['id'])
    return dict(lens=lens, offs=offs, states=states, ids=ids, texts=texts,
                A=np.array(A), B=np.array(B), Y=np.array(Y), S=np.array(S))

def pooled(D):
    """Mean over all tokens, normalised: LangChain4j's MEAN pooling."""
    n = len(D['lens'])
    out = np.zeros((n, D['states'].shape[1]), dtype=np.float32)
    st = D['states']
    for i in range(n):
        out[i] = st[D['offs'][i]:D['offs'][i + 1]].astype(np.float32).mean(0)
    out /= np.linalg.norm(out, axis=1, keepdims=True)
    return out

def best_recall_at(prec_target, scores, y):
    """Highest recall over thresholds with precision >= target (and the threshold)."""
    o = np.argsort(-scores)
    ys = y[o]
    tp = np.cumsum(ys); k = np.arange(1, len(ys) + 1)
    prec = tp / k; rec = tp / max(1, y.sum())
    ok = np.where(prec >= prec_target)[0]
    if len(ok) == 0:
        return 0.0, None
    j = ok[np.argmax(rec[ok])]
    return rec[j], scores[o][j]
