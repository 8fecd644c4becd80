"""The tokenized QQP pairs written by TokenizePairs.java, split exactly as the Java quality benchmark splits them."""
import struct

MASK = (1 << 64) - 1


def mix(z):
    """SplitMix64's finaliser (benchmarks/.../quality/Split.java)."""
    z &= MASK
    z = ((z ^ (z >> 30)) * 0xbf58476d1ce4e5b9) & MASK
    z = ((z ^ (z >> 27)) * 0x94d049bb133111eb) & MASK
    return z ^ (z >> 31)


def split(pair_id):
    bucket = mix(pair_id) % 10
    return 'held_out' if bucket < 2 else ('validation' if bucket == 2 else 'train')


def read(path):
    """{'train'|'validation'|'held_out': [(pair id, label, swapped, ids, type ids)]}; each pair in both orders."""
    out = {'train': [], 'validation': [], 'held_out': []}
    with open(path, 'rb') as f:
        while True:
            head = f.read(12)
            if not head:
                break
            pair_id, label, swapped, n = struct.unpack('>qbbh', head)
            ids = list(struct.unpack('>%dH' % n, f.read(2 * n)))
            types = list(f.read(n))
            out[split(pair_id)].append((pair_id, label, swapped, ids, types))
    return out
