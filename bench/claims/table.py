import json, sys, os
cmp = sys.argv[1]
names = sorted(os.listdir(os.path.join(cmp, 'new')))
order = ['ufm', 'transformer', 'lstm', 'common-vector', 'isotropic', 'shuffled', 'untrained']
def key(n):
    e = 'synthetic' if n.startswith('synthetic') else 'ufm-simulation'
    r = n[len(e)+1:]
    return (e, order.index(r) if r in order else 99)
def fmt(x):
    if x is None: return 'n/a'
    return '%.3g' % x
print('| run | C1 old -> new | C2 old -> new | C3 old -> new | C4 old -> new | C4 new: statistic / null mean +- sd / non-member |')
print('|---|---|---|---|---|---|')
for n in sorted(names, key=key):
    o = json.load(open(os.path.join(cmp, 'old', n, 'metrics.json')))['claims']
    w = json.load(open(os.path.join(cmp, 'new', n, 'metrics.json')))['claims']
    cells = []
    for i in range(4):
        cells.append('%s (%s) -> **%s** (%s)' % (o[i]['verdict'], fmt(o[i].get('value')), w[i]['verdict'], fmt(w[i].get('value'))))
    b = w[3].get('baseline', {})
    c4 = '%s / %s +- %s / %s' % (fmt(w[3].get('value')), fmt(b.get('null_mean')), fmt(b.get('null_sd')), fmt(b.get('nonmember_cos')))
    print('| %s | %s | %s |' % (n, ' | '.join(cells), c4))
