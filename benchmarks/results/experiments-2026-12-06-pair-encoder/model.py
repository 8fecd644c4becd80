"""The pair encoder: MiniLM-L6's embeddings and first layers reading both questions at once, a linear head on [CLS]."""
import math, torch, torch.nn as nn, torch.nn.functional as F

class Layer(nn.Module):
    def __init__(s, h=384, heads=12, inter=1536):
        super().__init__()
        s.heads = heads
        s.q = nn.Linear(h, h); s.k = nn.Linear(h, h); s.v = nn.Linear(h, h)
        s.ao = nn.Linear(h, h); s.ln1 = nn.LayerNorm(h, eps=1e-12)
        s.i = nn.Linear(h, inter); s.o = nn.Linear(inter, h); s.ln2 = nn.LayerNorm(h, eps=1e-12)
    def forward(s, x, bias):
        B, T, H = x.shape; d = H // s.heads
        def split(t): return t.view(B, T, s.heads, d).transpose(1, 2)
        q, k, v = split(s.q(x)), split(s.k(x)), split(s.v(x))
        a = torch.matmul(q, k.transpose(-1, -2)) / math.sqrt(d) + bias
        ctx = torch.matmul(a.softmax(-1), v).transpose(1, 2).reshape(B, T, H)
        x = s.ln1(x + s.ao(ctx))
        return s.ln2(x + s.o(F.gelu(s.i(x))))

class CrossEncoder(nn.Module):
    """MiniLM-L6's embeddings and first n layers, a linear head on [CLS]."""
    def __init__(s, n_layers, vocab=30522, h=384):
        super().__init__()
        s.word = nn.Embedding(vocab, h); s.pos = nn.Embedding(512, h); s.segment = nn.Embedding(2, h)
        s.ln = nn.LayerNorm(h, eps=1e-12)
        s.layers = nn.ModuleList([Layer() for _ in range(n_layers)])
        s.drop = nn.Dropout(0.1)
        s.head = nn.Linear(h, 1)
    def encode(s, ids, types, mask):
        T = ids.shape[1]
        pos = torch.arange(T, device=ids.device).unsqueeze(0)
        x = s.ln(s.word(ids) + s.pos(pos) + s.segment(types))
        bias = (1.0 - mask[:, None, None, :].to(x.dtype)) * -10000.0
        for l in s.layers: x = l(x, bias)
        return x
    def forward(s, ids, types, mask):
        return s.head(s.drop(s.encode(ids, types, mask)[:, 0])).squeeze(-1)

def init_from_minilm(model, w):
    sd = {'word.weight': w['embeddings.word_embeddings.weight'], 'pos.weight': w['embeddings.position_embeddings.weight'],
          'segment.weight': w['embeddings.token_type_embeddings.weight'],
          'ln.weight': w['embeddings.LayerNorm.weight'], 'ln.bias': w['embeddings.LayerNorm.bias']}
    names = {'q': 'attention.self.query', 'k': 'attention.self.key', 'v': 'attention.self.value',
             'ao': 'attention.output.dense', 'ln1': 'attention.output.LayerNorm', 'i': 'intermediate.dense',
             'o': 'output.dense', 'ln2': 'output.LayerNorm'}
    for li in range(len(model.layers)):
        for short, long in names.items():
            for p in ('weight', 'bias'):
                sd[f'layers.{li}.{short}.{p}'] = w[f'encoder.layer.{li}.{long}.{p}']
    sd = {k: torch.tensor(v) for k, v in sd.items()}
    missing, unexpected = model.load_state_dict(sd, strict=False)
    assert set(missing) == {'head.weight', 'head.bias'}, missing
    assert not unexpected


def quantize_rows(w):
    """Rounds each row to int8 with its own scale, as export.py stores the big matrices."""
    scale = w.abs().amax(dim=1, keepdim=True).clamp(min=1e-8) / 127.0
    return (w / scale).round().clamp(-127, 127) * scale
