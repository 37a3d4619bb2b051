#!/usr/bin/env python3
"""Tiny FLAME-format fixture + an independent numpy FLAME forward pass, for the TypeScript FLAME tests.

  python3 scripts/make-flame-fixture.py            # writes test/fixtures/flame-tiny/*
  python3 scripts/make-flame-fixture.py --forward   # stdin JSON -> stdout JSON forward pass on real FLAME npz data

Needs numpy only. The tiny model's J_regressor is pickled as scipy.sparse._csc.csc_matrix (the official layout);
when scipy is missing the same pickle stream is produced with a stand-in class registered under scipy's name.
"""
import hashlib
import json
import os
import pickle
import sys
import types

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, 'test', 'fixtures', 'flame-tiny')
PARENTS = [-1, 0, 1, 1, 1]
EMBEDDING_68_SHA256 = 'ca75b4182ae9ef9ca5be2694b786ea6c16007b66248354925669305ad09d5405'


# ---- independent reference forward pass (written from the FLAME/SMPL equations, float64) ----

def rodrigues(r):
    r = np.asarray(r, dtype=np.float64)
    theta = np.linalg.norm(r)
    if theta < 1e-12:
        return np.eye(3)
    k = r / theta
    K = np.array([[0, -k[2], k[1]], [k[2], 0, -k[0]], [-k[1], k[0], 0]])
    return np.eye(3) + np.sin(theta) * K + (1 - np.cos(theta)) * (K @ K)


def flame_forward(m, shape, expr, pose15):
    """m: dict with v_template (N,3), shapedirs (N,3,S), exprdirs (N,3,E), posedirs (N,3,36), J_regressor (5,N),
    weights (N,5). Returns posed vertices (N,3) and posed joints (5,3) in the model's units."""
    v_shaped = m['v_template'] + m['shapedirs'] @ shape
    if len(expr):
        v_shaped = v_shaped + m['exprdirs'] @ expr
    J = m['J_regressor'] @ v_shaped
    R = [rodrigues(pose15[3 * j:3 * j + 3]) for j in range(5)]
    pose_feature = np.concatenate([(R[j] - np.eye(3)).ravel() for j in range(1, 5)])
    v_posed = v_shaped + m['posedirs'] @ pose_feature
    G = [None] * 5
    for j in range(5):
        T = np.eye(4)
        T[:3, :3] = R[j]
        T[:3, 3] = J[j] - (J[PARENTS[j]] if PARENTS[j] >= 0 else 0)
        G[j] = T if PARENTS[j] < 0 else G[PARENTS[j]] @ T
    joints = np.array([g[:3, 3] for g in G])
    A = np.array([g - np.pad((g[:3, :3] @ J[j])[:, None], ((0, 1), (3, 0))) for j, g in enumerate(G)])
    T = np.einsum('vj,jab->vab', m['weights'], A)
    verts = np.einsum('vab,vb->va', T[:, :3, :3], v_posed) + T[:, :3, 3]
    return verts, joints


def landmarks(verts, faces, lmk_face_idx, lmk_b_coords):
    tri = verts[faces[lmk_face_idx]]  # (L,3,3)
    return np.einsum('lk,lkc->lc', lmk_b_coords, tri)


# ---- tiny fixture ----

def sparse_csc(dense):
    """A scipy csc_matrix, or an object that pickles to the identical byte stream when scipy is missing."""
    try:
        import scipy.sparse as sp
        return sp.csc_matrix(dense)
    except ImportError:
        pass
    mod = types.ModuleType('scipy.sparse._csc')

    class csc_matrix:  # noqa: N801 - must carry scipy's name to pickle as it
        pass
    csc_matrix.__module__ = 'scipy.sparse._csc'
    csc_matrix.__qualname__ = 'csc_matrix'
    mod.csc_matrix = csc_matrix
    sys.modules.setdefault('scipy', types.ModuleType('scipy'))
    sys.modules.setdefault('scipy.sparse', types.ModuleType('scipy.sparse'))
    sys.modules['scipy.sparse._csc'] = mod
    rows, cols = dense.shape
    data, indices, indptr = [], [], [0]
    for c in range(cols):
        for r in range(rows):
            if dense[r, c] != 0:
                data.append(dense[r, c])
                indices.append(r)
        indptr.append(len(data))
    m = csc_matrix()
    m.__dict__.update({'_shape': (rows, cols), 'maxprint': 50, 'indptr': np.array(indptr, np.int32),
                       'indices': np.array(indices, np.int32), 'data': np.array(data, np.float64)})
    return m


def make_tiny():
    rng = np.random.default_rng(20240611)
    nx, ny = 4, 3  # 12 vertices, 12 triangles, metres like FLAME
    xs = np.linspace(-0.04, 0.04, nx)
    ys = np.linspace(-0.05, 0.04, ny)
    v = np.array([[x, y, 0.06 - 8 * x * x - 3 * y * y] for y in ys for x in xs], np.float64)
    faces = []
    for j in range(ny - 1):
        for i in range(nx - 1):
            a, b, c, d = j * nx + i, j * nx + i + 1, (j + 1) * nx + i, (j + 1) * nx + i + 1
            faces += [[a, b, d], [a, d, c]]  # counter-clockwise seen from +z
    faces = np.array(faces, np.uint32)
    n = len(v)
    S, E = 4, 3
    shapedirs = rng.normal(0, 0.002, (n, 3, S + E))
    posedirs = rng.normal(0, 0.001, (n, 3, 36)).astype(np.float32)
    jreg = np.zeros((5, n))
    for j in range(5):
        idx = rng.choice(n, 3, replace=False)
        w = rng.uniform(0.2, 1, 3)
        jreg[j, idx] = w / w.sum()
    weights = rng.uniform(0, 1, (n, 5)) * (rng.uniform(0, 1, (n, 5)) > 0.4)
    weights[:, 1] += 0.1
    weights /= weights.sum(1, keepdims=True)
    kintree = np.array([[4294967295, 0, 1, 1, 1], [0, 1, 2, 3, 4]], np.int64)
    model = {'v_template': v, 'shapedirs': shapedirs, 'posedirs': posedirs, 'J_regressor': sparse_csc(jreg),
             'weights': weights, 'kintree_table': kintree, 'f': faces, 'bs_style': 'lbs', 'bs_type': 'lrotmin'}
    lmk_face_idx = rng.integers(0, len(faces), 68).astype(np.uint32)
    b = rng.uniform(0.05, 1, (68, 3))
    lmk_b_coords = b / b.sum(1, keepdims=True)

    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, 'tiny_flame.pkl'), 'wb') as fh:
        pickle.dump(model, fh, protocol=2)
    with open(os.path.join(OUT, 'flame_static_embedding_68.pkl'), 'wb') as fh:
        pickle.dump({'lmk_face_idx': lmk_face_idx, 'lmk_b_coords': lmk_b_coords}, fh, protocol=2)

    ref = {'v_template': v, 'shapedirs': shapedirs[:, :, :S], 'exprdirs': shapedirs[:, :, S:], 'posedirs': posedirs.astype(np.float64),
           'J_regressor': jreg, 'weights': weights}
    cases = []
    for ci in range(3):
        shape = rng.normal(0, 1, S) if ci else np.zeros(S)
        expr = rng.normal(0, 1, E) if ci else np.zeros(E)
        pose = rng.normal(0, 0.2, 15) if ci else np.zeros(15)
        if ci == 1:
            pose[:6] = 0  # global and neck zero: what FaceModel.mesh computes
        verts, joints = flame_forward(ref, shape, expr, pose)
        lmk = landmarks(verts, faces.astype(np.int64), lmk_face_idx.astype(np.int64), lmk_b_coords)
        cases.append({'shape': shape.tolist(), 'expression': expr.tolist(), 'poseRad': pose.tolist(),
                      'verticesMm': np.round(verts * 1000, 6).ravel().tolist(),
                      'jointsMm': np.round(joints * 1000, 6).ravel().tolist(),
                      'landmarksMm': np.round(lmk * 1000, 6).ravel().tolist()})
    meta = {'about': 'Made-up 12-vertex FLAME-format model; expected values from scripts/make-flame-fixture.py (numpy, float64).',
            'identityComponents': S, 'expressionComponents': E, 'vertexCount': n, 'triangleCount': len(faces), 'cases': cases}
    with open(os.path.join(OUT, 'expected.json'), 'w') as fh:
        json.dump(meta, fh, separators=(',', ':'))
    for f in sorted(os.listdir(OUT)):
        print(f, os.path.getsize(os.path.join(OUT, f)))


# ---- real-data forward for cross-checks (stdin JSON: folder, shape, expression?, exprBasis?, poseRad) ----

def forward_real(req):
    folder = req['folder']
    basis = np.load(os.path.join(folder, 'flame2023_open_basis_id60.npz'))
    lbs = np.load(os.path.join(folder, 'flame2023_open_lbs.npz'))
    shape = np.array(req['shape'], np.float64)
    m = {'v_template': basis['v_template'].astype(np.float64), 'shapedirs': basis['shapedirs'][:, :, :len(shape)].astype(np.float64),
         'posedirs': lbs['posedirs'].astype(np.float64), 'J_regressor': lbs['J_regressor'].astype(np.float64),
         'weights': lbs['weights'].astype(np.float64)}
    expr = np.array(req.get('expression', []), np.float64)
    if len(expr):
        eb = np.fromfile(req['exprBasisPath'], dtype='<f4').astype(np.float64).reshape(len(m['v_template']), 3, -1)
        m['exprdirs'] = eb[:, :, :len(expr)]
    verts, joints = flame_forward(m, shape, expr, np.array(req['poseRad'], np.float64))
    emb_path = os.path.join(folder, 'flame_static_embedding_68.pkl')
    raw = open(emb_path, 'rb').read()
    if hashlib.sha256(raw).hexdigest() != EMBEDDING_68_SHA256:
        raise SystemExit('embedding hash mismatch: refusing to unpickle')
    emb = pickle.loads(raw, encoding='latin1')
    lmk = landmarks(verts, basis['faces'].astype(np.int64), emb['lmk_face_idx'].astype(np.int64), emb['lmk_b_coords'])
    json.dump({'verticesMm': (verts * 1000).ravel().tolist(), 'jointsMm': (joints * 1000).ravel().tolist(),
               'landmarksMm': (lmk * 1000).ravel().tolist()}, sys.stdout)


if __name__ == '__main__':
    if '--forward' in sys.argv:
        forward_real(json.load(sys.stdin))
    else:
        make_tiny()
