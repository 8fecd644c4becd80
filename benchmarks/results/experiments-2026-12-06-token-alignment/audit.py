import sys, numpy as np, torch
sys.argv = ['x', '/work/scratch/tok/minilm.f16', '2', '96', '0']
exec(open('train_da.py').read().split('model = Head()')[0])
model = Head(); model.load_state_dict(torch.load(prefix + '.da.pt')); model.eval()
held = np.where(S == 2)[0]
out = []
with torch.no_grad():
    for k in range(0, len(held), 512):
        xa, ma, xb, mb, c, _ = batch(held[k:k + 512]); out.append(torch.sigmoid(model(xa, ma, xb, mb, c)).numpy())
sh = np.concatenate(out)
np.save('held_da.npy', sh)
o = np.argsort(-sh)
T = D['texts']
ys = Y[held][o]
for k in (100, 200, 400, 800, 1400, 2000):
    print('top', k, 'precision', ys[:k].mean().round(3), 'recall', (ys[:k].sum() / Y[held].sum()).round(3), 'score>=', sh[o][k-1].round(3))
negs = [held[j] for j in o[:1500] if Y[held[j]] == 0]
print(len(negs), 'negatives in the top 1500')
with open('audit-negatives.tsv', 'w') as f:
    for r, i in enumerate(negs[:120]):
        f.write(f"{r+1}\t{D['A'][i]}\t{D['B'][i]}\t{T[D['A'][i]]}\t{T[D['B'][i]]}\n")
