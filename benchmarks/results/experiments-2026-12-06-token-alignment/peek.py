import numpy as np, json
from data import load, pooled
D = load('/work/scratch/tok/minilm.f16')
V = pooled(D); cos = (V[D['A']]*V[D['B']]).sum(1)
np.save('cos.npy', cos)
Y=D['Y']; S=D['S']; T=D['texts']
for sp in (1,2):
    idx=np.where(S==sp)[0]; o=idx[np.argsort(-cos[idx])]
    for k in (50,100,200,400,800,1600):
        print(sp, k, 'precision of top-k by cosine', Y[o[:k]].mean().round(3), 'cos>=', cos[o[k-1]].round(3))
idx=np.where(S==2)[0]; o=idx[np.argsort(-cos[idx])]
neg=[i for i in o[:300] if Y[i]==0][:25]
for i in neg: print(round(float(cos[i]),3), '|', T[D['A'][i]], '||', T[D['B'][i]])
