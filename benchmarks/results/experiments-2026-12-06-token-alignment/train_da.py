import sys, time, numpy as np, torch, torch.nn as nn, torch.nn.functional as Fn
from data import load, pooled, best_recall_at

torch.set_num_threads(int(sys.argv[2]) if len(sys.argv) > 2 else 2)
torch.manual_seed(7); np.random.seed(7)
prefix = sys.argv[1]
D = load(prefix)
V = pooled(D)
cos = (V[D['A']] * V[D['B']]).sum(1)
st = D['states']; offs = D['offs']
Y = D['Y']; S = D['S']
MAXL = 48

def batch(idx, swap=False):
    a = D['A'][idx]; b = D['B'][idx]
    if swap:
        m = np.random.rand(len(idx)) < 0.5
        a, b = np.where(m, b, a), np.where(m, a, b)
    def pad(t):
        L = min(MAXL, max(offs[i + 1] - offs[i] for i in t))
        x = np.zeros((len(t), L, st.shape[1]), dtype=np.float32); mk = np.zeros((len(t), L), dtype=np.float32)
        for k, i in enumerate(t):
            n = min(L, offs[i + 1] - offs[i]); x[k, :n] = st[offs[i]:offs[i] + n]; mk[k, :n] = 1
        return torch.from_numpy(x), torch.from_numpy(mk)
    xa, ma = pad(a); xb, mb = pad(b)
    c = torch.from_numpy(cos[idx]).float()
    return xa, ma, xb, mb, c, torch.from_numpy(Y[idx]).float()

class Head(nn.Module):
    def __init__(s, dim=384, d=int(sys.argv[3]) if len(sys.argv) > 3 else 96):
        super().__init__()
        s.P = nn.Linear(dim, d)
        s.F = nn.Sequential(nn.Linear(d, d), nn.ReLU(), nn.Linear(d, d))
        s.G = nn.Sequential(nn.Linear(4 * d, d), nn.ReLU(), nn.Linear(d, d), nn.ReLU())
        s.H = nn.Sequential(nn.Linear(4 * d + 2, d), nn.ReLU(), nn.Dropout(0.1), nn.Linear(d, 1))
        s.drop = nn.Dropout(0.1)

    def side(s, p, other, m_other, e):
        e = e.masked_fill(m_other[:, None, :] == 0, -1e4)
        aligned = torch.softmax(e, -1) @ other
        return s.G(torch.cat([p, aligned, p - aligned, p * aligned], -1))

    def forward(s, xa, ma, xb, mb, c):
        pa = s.drop(s.P(xa)); pb = s.drop(s.P(xb))
        fa = s.F(pa); fb = s.F(pb)
        e = fa @ fb.transpose(1, 2)
        ga = s.side(pa, pb, mb, e)
        gb = s.side(pb, pa, ma, e.transpose(1, 2))
        def pool(g, m):
            mean = (g * m[..., None]).sum(1) / m.sum(1, keepdim=True)
            mx = g.masked_fill(m[..., None] == 0, -1e4).max(1).values
            return torch.cat([mean, mx], -1)
        va = pool(ga, ma); vb = pool(gb, mb)
        h = torch.cat([va + vb, (va - vb).abs(), c[:, None], (c * c)[:, None]], -1)
        return s.H(h).squeeze(-1)

model = Head()
opt = torch.optim.Adam(model.parameters(), lr=1e-3, weight_decay=1e-5)
train = np.where(S == 0)[0]; val = np.where(S == 1)[0]; held = np.where(S == 2)[0]
print('params', sum(p.numel() for p in model.parameters()), 'train', len(train), flush=True)

def scores(idx):
    model.eval(); out = []
    with torch.no_grad():
        for k in range(0, len(idx), 512):
            xa, ma, xb, mb, c, _ = batch(idx[k:k + 512])
            out.append(torch.sigmoid(model(xa, ma, xb, mb, c)).numpy())
    model.train()
    return np.concatenate(out)

epochs = int(sys.argv[4]) if len(sys.argv) > 4 else 8
best = (-1, None)
for ep in range(epochs):
    t0 = time.time(); np.random.shuffle(train); tot = 0
    for g in opt.param_groups:
        g['lr'] = 1e-3 * (0.7 ** ep)
    for k in range(0, len(train), 64):
        xa, ma, xb, mb, c, y = batch(train[k:k + 64], swap=True)
        loss = Fn.binary_cross_entropy_with_logits(model(xa, ma, xb, mb, c), y)
        opt.zero_grad(); loss.backward(); opt.step(); tot += loss.item() * len(y)
    sv = scores(val); sh = scores(held)
    rv95, tv = best_recall_at(0.95, sv, Y[val]); rv96, tv96 = best_recall_at(0.96, sv, Y[val])
    rh95, _ = best_recall_at(0.95, sh, Y[held])
    # the honest figure: threshold chosen on validation for P >= 0.96, applied to held-out
    if tv96 is not None:
        hit = sh >= tv96; ph = Y[held][hit].mean() if hit.any() else 0; rh = (Y[held][hit]).sum() / Y[held].sum()
    else:
        ph = rh = 0
    acc = ((sv > 0.5) == Y[val]).mean()
    print(f'epoch {ep+1} loss {tot/len(train):.4f} val acc {acc:.3f} val R@P95 {rv95:.3f} R@P96 {rv96:.3f} | '
          f'held R@P95 {rh95:.3f} | held at val-P96 threshold: P {ph:.3f} R {rh:.3f} | {time.time()-t0:.0f}s', flush=True)
    if rv96 > best[0]:
        best = (rv96, {k: v.clone() for k, v in model.state_dict().items()})
torch.save(best[1], prefix + '.da.pt')
# cosine alone for reference
print('cosine alone: val R@P95 %.3f held R@P95 %.3f' % (best_recall_at(0.95, cos[val], Y[val])[0], best_recall_at(0.95, cos[held], Y[held])[0]))
